package io.genfleet.standalone.cli;

import io.genfleet.common.client.ApiResponse;
import io.genfleet.common.client.GenfleetApi;
import io.genfleet.standalone.demo.DemoStoryboard;
import io.genfleet.standalone.demo.ProgressView;
import io.genfleet.standalone.fleet.FleetOptions;
import io.genfleet.standalone.fleet.RunningFleet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * Starts the whole fleet on a fresh embedded broker, submits a storyboard through the HTTP API,
 * shows its progress and prints the final summary as the last line.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a storyboard through an all-in-one fleet and print the final batch summary.")
final class DemoCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration API_TIMEOUT = Duration.ofSeconds(10);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--scenes", defaultValue = "4", description = "Scenes (default ${DEFAULT-VALUE}).")
    int scenes;

    @Option(names = "--shots", defaultValue = "3",
            description = "Shots per scene; 0 means one image per scene (default ${DEFAULT-VALUE}).")
    int shots;

    @Option(names = "--fail-rate", defaultValue = "0.3",
            description = "Probability that an attempt fails transiently (default ${DEFAULT-VALUE}).")
    double failRate;

    @Option(names = "--seed", description = "Seed of the simulated provider (default: random, printed).")
    Long seed;

    @Option(names = "--timeout", defaultValue = "5m", converter = DurationConverter.class,
            description = "Give up (exit 1) when the batch is not done by then (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        validate();
        long started = System.nanoTime();
        long providerSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong(1_000_000);
        Path dataDir = Files.createTempDirectory("genfleet-demo-");
        int total = DemoStoryboard.itemCount(scenes, shots);
        System.out.printf("genfleet demo: starting a broker and the fleet for %d scenes x %d shots -> %d items, "
                + "fail rate %.2f, seed %d (logs: %s)%n", scenes, shots, total, failRate, providerSeed,
                dataDir.resolve("genfleet.log"));
        System.out.flush();
        Optional<String> summary;
        try (RunningFleet fleet = RunningFleet.start(new FleetOptions(0, dataDir, true, Map.of(
                "genfleet.worker.provider.failure-rate", String.valueOf(failRate),
                "genfleet.worker.provider.seed", String.valueOf(providerSeed))))) {
            System.out.printf("fleet up in %.1f s (Kafka at %s); submitting the storyboard%n",
                    (System.nanoTime() - started) / 1e9, fleet.bootstrapServers());
            System.out.flush();
            GenfleetApi api = new GenfleetApi(fleet.baseUrl(), fleet.apiKey().value(), API_TIMEOUT);
            String batchId = api.submit(DemoStoryboard.of(scenes, shots)).expect(202, "submitting the storyboard")
                    .path("batchId").asString();
            summary = watch(api, batchId);
        }
        if (summary.isEmpty()) {
            System.err.println("genfleet demo: the batch was not done within " + timeout);
            return ExitCode.FAILED;
        }
        System.out.printf("done in %.1f s%n", (System.nanoTime() - started) / 1e9);
        System.out.println(summary.get());
        return ExitCode.OK;
    }

    private Optional<String> watch(GenfleetApi api, String batchId) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (ProgressView progress = ProgressView.forStdout("batch " + batchId)) {
            while (System.nanoTime() < deadline) {
                ApiResponse answer = api.batch(batchId);
                // 404 until the aggregator has seen the batch
                if (answer.status() == 200) {
                    JsonNode summary = answer.json();
                    JsonNode counts = summary.path("counts");
                    int terminal = counts.path("complete").asInt() + counts.path("failed_permanent").asInt();
                    progress.update(terminal, summary.path("total").asInt(), describe(counts, summary.path("retries").asInt()));
                    if (summary.path("done").asBoolean()) {
                        return Optional.of(answer.body());
                    }
                }
                Thread.sleep(POLL.toMillis());
            }
        }
        return Optional.empty();
    }

    private static String describe(JsonNode counts, int retries) {
        StringBuilder detail = new StringBuilder();
        for (String status : new String[] {"complete", "failed_permanent", "failed", "generating", "pending"}) {
            int count = counts.path(status).asInt();
            if (count > 0) {
                detail.append(detail.isEmpty() ? "" : " · ").append(status).append(' ').append(count);
            }
        }
        return detail.append(" · retries ").append(retries).toString();
    }

    /** The producer's default limits; checked here so a bad option is a usage error, not a failed request. */
    private void validate() {
        if (scenes < 1 || scenes > 200) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scenes must be between 1 and 200");
        }
        if (shots < 0 || shots > 50) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--shots must be between 0 and 50");
        }
        if (failRate < 0 || failRate > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--fail-rate must be between 0 and 1");
        }
    }
}
