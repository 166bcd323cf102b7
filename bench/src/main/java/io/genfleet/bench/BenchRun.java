package io.genfleet.bench;

import io.genfleet.bench.baseline.KafkaToolsBaseline;
import io.genfleet.bench.fleet.BenchBroker;
import io.genfleet.bench.fleet.BenchFleet;
import io.genfleet.bench.fleet.FleetConfig;
import io.genfleet.bench.fleet.FleetShape;
import io.genfleet.bench.fleet.Pause;
import io.genfleet.bench.fleet.RequestPublisher;
import io.genfleet.bench.fleet.StatusTap;
import io.genfleet.bench.fleet.Storyboards;
import io.genfleet.bench.report.Measurement;
import io.genfleet.bench.report.WorkloadReport;
import io.genfleet.bench.system.JitQuiet;
import io.genfleet.bench.system.ProcessResources;
import io.genfleet.bench.workload.BatchWatch;
import io.genfleet.bench.workload.BrokerWorkload;
import io.genfleet.bench.workload.RunEnvironment;
import io.genfleet.bench.workload.Workload;
import io.genfleet.common.request.Simulation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Runs the selected workloads, each {@code repeat} times on a fresh, warmed-up fleet (own topics, own
 * Streams application), all on one broker, and collects their reports.
 */
final class BenchRun {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /** A warm-up batch per fleet: JIT, connections and the first produce/fetch of every partition. */
    private static final int WARMUP_ITEMS_PER_BATCH = 5_000;

    private final BenchBroker broker;
    private final Path workDir;
    private final RunEnvironment environment;
    private final Map<String, String> baseSettings;
    private final Map<String, String> userSettings;
    private final int repeat;
    private final String session = UUID.randomUUID().toString().substring(0, 6);
    private Path jfrDir;
    private Duration jitWait = Duration.ZERO;
    private int runs;

    /**
     * @param baseSettings the benchmark's Spring properties for every fleet
     * @param userSettings {@code --set} properties, applied last (over the workload's)
     */
    BenchRun(BenchBroker broker, Path workDir, RunEnvironment environment, Map<String, String> baseSettings,
             Map<String, String> userSettings, int repeat) {
        this.broker = broker;
        this.workDir = workDir;
        this.environment = environment;
        this.baseSettings = Map.copyOf(baseSettings);
        this.userSettings = Map.copyOf(userSettings);
        this.repeat = repeat;
    }

    /** Records a JFR profile of each measured run (after the warm-up) into {@code dir}/{run id}.jfr. */
    void profileInto(Path dir) {
        this.jfrDir = dir;
    }

    /** After each warm-up, waits up to {@code limit} for the JIT compilers to go quiet ({@link JitQuiet}). */
    void waitForJitAfterWarmUp(Duration limit) {
        this.jitWait = limit;
    }

    WorkloadReport baseline(KafkaToolsBaseline baseline) {
        List<Measurement> measurements = new ArrayList<>();
        for (int run = 1; run <= repeat; run++) {
            environment.log("baseline run %d/%d: Kafka ProducerPerformance + ConsumerPerformance", run, repeat);
            try {
                Measurement measurement = baseline.run(nextRunId("base"), environment, broker.replicationFactor());
                measurement.put("machine_load_1m", ProcessResources.loadAverage());
                environment.log("baseline run %d/%d: %s", run, repeat, measurement.values());
                measurements.add(measurement);
            } catch (RuntimeException e) {
                environment.log("baseline run %d/%d FAILED: %s", run, repeat, e);
            }
        }
        return new WorkloadReport("baseline", "Kafka perf tools", baseline.parameters(), measurements, List.of(),
                baseline.notes(environment));
    }

    WorkloadReport run(Workload workload) {
        List<Measurement> measurements = repeated(workload.id(), (runId, run) -> {
            Map<String, String> settings = new LinkedHashMap<>(baseSettings);
            settings.putAll(workload.fleetSettings());
            settings.putAll(userSettings);
            FleetConfig config = new FleetConfig(runId, workDir.resolve(runId), settings, workload.shape());
            environment.log("%s run %d/%d: starting a fleet (topics %s*)", workload.id(), run, repeat,
                    config.topicPrefix());
            try (BenchFleet fleet = BenchFleet.start(broker, config, START_TIMEOUT)) {
                warmUp(fleet, workload.warmUpItems(), workload.warmUpOnOwnProvider());
                return measuredOnceQuiet(workload.id(), run, runId, () -> workload.run(fleet, environment));
            }
        });
        return new WorkloadReport(workload.id(), workload.title(), workload.parameters(), measurements,
                workload.targets(), workload.notes(environment));
    }

    /** A workload with its own clients on the broker, no fleet: warmed up, measured and reported like the others. */
    WorkloadReport run(BrokerWorkload workload) {
        List<Measurement> measurements = repeated(workload.id(), (runId, run) -> {
            environment.log("%s run %d/%d: warming up", workload.id(), run, repeat);
            workload.warmUp(runId, environment);
            return measuredOnceQuiet(workload.id(), run, runId, () -> workload.run(runId, environment));
        });
        return new WorkloadReport(workload.id(), workload.title(), workload.parameters(), measurements,
                workload.targets(), workload.notes(environment));
    }

    /** One run of a workload: its own run id; it sets up, warms up and measures (run counts from 1). */
    @FunctionalInterface
    private interface OneRun {
        Measurement run(String runId, int run);
    }

    /** {@code repeat} runs; a failed run is logged with its cause and left out of the figures. */
    private List<Measurement> repeated(String workloadId, OneRun oneRun) {
        List<Measurement> measurements = new ArrayList<>();
        for (int run = 1; run <= repeat; run++) {
            String runId = nextRunId(workloadId.toLowerCase());
            try {
                Measurement measurement = oneRun.run(runId, run);
                environment.log("%s run %d/%d: %s", workloadId, run, repeat, measurement.values());
                measurements.add(measurement);
            } catch (RuntimeException e) {
                environment.log("%s run %d/%d FAILED: %s", workloadId, run, repeat, e);
                e.printStackTrace(environment.progress());
            }
        }
        return measurements;
    }

    /** After the warm-up: waits for the JIT to go quiet, then measures (profiled with {@code --jfr}). */
    private Measurement measuredOnceQuiet(String workloadId, int run, String runId, Supplier<Measurement> measured) {
        if (!jitWait.isZero()) {
            Duration waited = JitQuiet.await(jitWait);
            environment.log("%s run %d/%d: JIT quiet after %d ms", workloadId, run, repeat, waited.toMillis());
        }
        environment.log("%s run %d/%d: measuring", workloadId, run, repeat);
        Measurement measurement;
        try (Profile profile = Profile.start(jfrDir, runId)) {
            measurement = measured.get();
        }
        // Not a result: how busy the (shared) machine was, to judge how much the figures can be trusted.
        measurement.put("machine_load_1m", ProcessResources.loadAverage());
        return measurement;
    }

    /**
     * Items that never fail; they take no time, or with {@code ownProvider} the workload's provider latency, so
     * that the JIT compiles the paths the measured run takes (see {@link Workload#warmUpOnOwnProvider()}).
     */
    private void warmUp(BenchFleet fleet, int items, boolean ownProvider) {
        Integer latencyMs = ownProvider ? null : 0;
        String batchId = "warmup";
        if (fleet.shape() == FleetShape.PRODUCER_ALONE) {
            // Nothing works the items off: the warm-up only runs the submission path.
            List<Integer> sizes = Storyboards.split(items, WARMUP_ITEMS_PER_BATCH);
            for (int i = 0; i < sizes.size(); i++) {
                fleet.api().submit(Storyboards.shots(batchId + "-" + i, sizes.get(i), null));
            }
            return;
        }
        if (fleet.shape() == FleetShape.WORKER_ALONE) {
            try (StatusTap tap = new StatusTap(environment.bootstrapServers(), fleet.catalog().status())) {
                RequestPublisher.publish(environment.bootstrapServers(), fleet.catalog(), batchId, items,
                        new Simulation(0, null, latencyMs));
                Pause.until(() -> tap.terminal(batchId, items), START_TIMEOUT, Duration.ofMillis(50),
                        () -> "warm-up items not done within " + START_TIMEOUT);
            }
            return;
        }
        List<Integer> sizes = Storyboards.split(items, WARMUP_ITEMS_PER_BATCH);
        List<String> batchIds = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            batchIds.add(batchId + "-" + i);
            fleet.api().submit(Storyboards.shots(batchIds.get(i), sizes.get(i), ownProvider ? Map.of("failTimes", 0)
                    : Map.of("failTimes", 0, "latencyMs", 0)));
        }
        BatchWatch.awaitDone(fleet.api(), batchIds, START_TIMEOUT);
    }

    private String nextRunId(String kind) {
        return kind + "-" + session + "-" + (++runs);
    }
}
