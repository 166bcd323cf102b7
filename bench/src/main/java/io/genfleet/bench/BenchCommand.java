package io.genfleet.bench;

import io.genfleet.bench.baseline.KafkaToolsBaseline;
import io.genfleet.bench.engines.EngineComparisonWorkload;
import io.genfleet.bench.fleet.BenchBroker;
import io.genfleet.bench.report.RawLimit;
import io.genfleet.bench.report.ReportPrinter;
import io.genfleet.bench.report.WorkloadReport;
import io.genfleet.bench.workload.FreshnessWorkload;
import io.genfleet.bench.workload.DefaultInFlightWorkload;
import io.genfleet.bench.workload.IoBoundWorkload;
import io.genfleet.bench.workload.OverheadWorkload;
import io.genfleet.bench.workload.RetryWorkload;
import io.genfleet.bench.workload.SubmissionWorkload;
import io.genfleet.bench.workload.RunEnvironment;
import io.genfleet.bench.workload.Workload;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.springframework.boot.convert.DurationStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar bench/target/genfleet-bench.jar [--bootstrap-servers ...] [--workloads baseline,W1,W2,W3,W4]}:
 * runs the workloads against an embedded broker (default) or a cluster and prints one JSON line per workload,
 * then a table. Progress goes to stderr, so stdout is the report only. W7 (the consumer engines compared) is not in
 * the default list: it takes about half a minute per run.
 */
@Command(name = "genfleet-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Benchmark a genfleet fleet: overhead (W1), retries (W2), I/O-bound (W3), freshness (W4), "
                + "next to Kafka's own producer/consumer performance tools on the same broker (baseline); W7 (on "
                + "request) compares spring-kafka's listener container with genfleet's consumer loop.")
public final class BenchCommand implements Callable<Integer> {

    /** Where the fleet's logs go (logback.xml); set before anything logs. */
    static final String LOG_FILE_PROPERTY = "genfleet.bench.log";

    @Option(names = "--bootstrap-servers",
            description = "An existing cluster; default: an embedded broker in this JVM.")
    String bootstrapServers;

    @Option(names = "--workloads", split = ",", defaultValue = "baseline,W1,W2,W3,W3W,W4,W5,W6,W6P",
            description = "Which to run, in this order (default ${DEFAULT-VALUE}); W3W is W3 on a worker process "
                    + "alone, W6P W6 on a producer process alone; W7 (not by default) compares the consumer engines.")
    List<String> workloads;

    @Option(names = "--repeat", defaultValue = "3", description = "Runs per workload (default ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--partitions", defaultValue = "6",
            description = "Partitions of every topic (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--in-flight", defaultValue = "1000",
            description = "C: the worker's in-flight limit for W3, and both engines' for W7 (default ${DEFAULT-VALUE}).")
    int inFlight;

    @Option(names = "--w1-items", defaultValue = "20000") int w1Items;
    @Option(names = "--w2-items", defaultValue = "2000") int w2Items;
    @Option(names = "--w3-items", defaultValue = "2000") int w3Items;
    @Option(names = "--w4-items", defaultValue = "400") int w4Items;
    @Option(names = "--w6-submissions", defaultValue = "200",
            description = "W6: timed 200-item submissions of one client (default ${DEFAULT-VALUE}).") int w6Submissions;
    @Option(names = "--w6-seconds", defaultValue = "5",
            description = "W6: seconds of submitting with 8 clients (default ${DEFAULT-VALUE}).") int w6Seconds;
    @Option(names = "--w7-records", defaultValue = "2000",
            description = "W7: records each engine handles per scenario (default ${DEFAULT-VALUE}).") int w7Records;
    @Option(names = "--w7-spring-concurrency", defaultValue = "6",
            description = "W7: spring-kafka's consumers, at most one per partition; each polls C / concurrency records "
                    + "(default ${DEFAULT-VALUE}).") int w7SpringConcurrency;

    @Option(names = "--retry-delays", split = ",", defaultValue = "2s,4s,8s",
            description = "Delay topics (default ${DEFAULT-VALUE}; W2's drain target assumes it).")
    List<String> retryDelays;

    @Option(names = "--baseline-records", defaultValue = "500000",
            description = "Records for ProducerPerformance/ConsumerPerformance (default ${DEFAULT-VALUE}).")
    int baselineRecords;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A Spring property for every fleet, over the workload's (e.g. genfleet.worker.max-in-flight=100).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--jfr", paramLabel = "DIR",
            description = "Write a JFR profile of each measured run (after its warm-up) to DIR/<run id>.jfr.")
    Path jfrDir;

    @Option(names = "--jit-wait", defaultValue = "15s",
            description = "After each warm-up, wait at most this long for the JIT compilers to go quiet "
                    + "(default ${DEFAULT-VALUE}; 0s to measure at once).")
    String jitWait;

    @Option(names = "--work-dir", description = "Broker data, Streams state and logs (default: a new temp dir).")
    Path workDir;

    public static void main(String[] args) {
        System.exit(execute(args, System.out));
    }

    static int execute(String[] args, PrintStream out) {
        BenchCommand command = new BenchCommand();
        command.out = out;
        return new CommandLine(command).execute(args);
    }

    private PrintStream out = System.out;

    @Override
    public Integer call() throws IOException {
        validate();
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("genfleet-bench-");
        if (System.getProperty(LOG_FILE_PROPERTY) == null) {
            System.setProperty(LOG_FILE_PROPERTY, dir.resolve("bench.log").toString());
        }
        PrintStream progress = System.err;
        progress.printf("[bench] work dir %s (logs: %s)%n", dir, System.getProperty(LOG_FILE_PROPERTY));
        long started = System.nanoTime();
        List<WorkloadReport> reports = new ArrayList<>();
        try (BenchBroker broker = bootstrapServers == null ? BenchBroker.embedded(dir.resolve("kafka"))
                : BenchBroker.external(bootstrapServers)) {
            RunEnvironment environment = new RunEnvironment(broker.bootstrapServers(), broker.inProcess(), inFlight,
                    progress);
            BenchRun run = new BenchRun(broker, dir, environment, baseSettings(), settings, repeat);
            run.profileInto(jfrDir);
            run.waitForJitAfterWarmUp(jitWaitLimit());
            for (String name : workloads) {
                String id = name.trim().toUpperCase(Locale.ROOT);
                if (id.equals("BASELINE")) {
                    reports.add(run.baseline(new KafkaToolsBaseline(baselineRecords, 200, partitions)));
                } else if (id.equals("W7")) {
                    reports.add(run.run(new EngineComparisonWorkload(w7Records, inFlight, partitions,
                            broker.replicationFactor(), w7SpringConcurrency)));
                } else {
                    reports.add(run.run(workload(id)));
                }
            }
        }
        progress.printf("[bench] finished in %.0f s%n", (System.nanoTime() - started) / 1e9);
        RawLimit.annotate(reports);
        ReportPrinter.print(reports, out);
        out.flush();
        return reports.stream().allMatch(report -> report.runs().size() == repeat) ? 0 : 1;
    }

    private Workload workload(String id) {
        return switch (id) {
            case "W1" -> new OverheadWorkload(w1Items);
            case "W2" -> new RetryWorkload(w2Items, delays());
            case "W3" -> new IoBoundWorkload(w3Items, inFlight, false);
            case "W3W" -> new IoBoundWorkload(w3Items, inFlight, true);
            case "W4" -> new FreshnessWorkload(w4Items);
            case "W5" -> new DefaultInFlightWorkload(1_000);
            case "W6" -> new SubmissionWorkload(w6Submissions, Duration.ofSeconds(w6Seconds), false);
            case "W6P" -> new SubmissionWorkload(w6Submissions, Duration.ofSeconds(w6Seconds), true);
            default -> throw new CommandLine.ParameterException(new CommandLine(this), "unknown workload " + id);
        };
    }

    /** What every fleet gets: one image lane (the workloads submit images only), files for logs. */
    private Map<String, String> baseSettings() {
        Map<String, String> base = new LinkedHashMap<>();
        base.put("genfleet.topics.partitions", Integer.toString(partitions));
        base.put("genfleet.topics.retry-delays", String.join(",", retryDelays));
        base.put("genfleet.worker.lanes", "image");
        return base;
    }

    private List<Duration> delays() {
        return retryDelays.stream().map(text -> DurationStyle.detectAndParse(text.trim())).collect(Collectors.toList());
    }

    private Duration jitWaitLimit() {
        return DurationStyle.detectAndParse(jitWait.trim());
    }

    private void validate() {
        CommandLine line = new CommandLine(this);
        try {
            Duration limit = jitWaitLimit();
            if (limit.isNegative() || limit.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new CommandLine.ParameterException(line, "--jit-wait must be 0s..5m");
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(line, "--jit-wait: not a duration: " + jitWait);
        }
        if (repeat < 1 || repeat > 20) {
            throw new CommandLine.ParameterException(line, "--repeat must be 1..20");
        }
        if (partitions < 1 || partitions > 64) {
            throw new CommandLine.ParameterException(line, "--partitions must be 1..64");
        }
        if (inFlight < 1 || inFlight > 100_000) {
            throw new CommandLine.ParameterException(line, "--in-flight must be 1..100000");
        }
        for (int items : new int[] {w1Items, w2Items, w3Items, w4Items, w7Records}) {
            if (items < 1 || items > 1_000_000) {
                throw new CommandLine.ParameterException(line, "item counts must be 1..1000000");
            }
        }
        if (w7SpringConcurrency < 1 || w7SpringConcurrency > 64) {
            throw new CommandLine.ParameterException(line, "--w7-spring-concurrency must be 1..64");
        }
        if (w6Submissions < 1 || w6Submissions > 10_000 || w6Seconds < 1 || w6Seconds > 600) {
            throw new CommandLine.ParameterException(line, "--w6-submissions must be 1..10000, --w6-seconds 1..600");
        }
        if (w2Items > 10_000 || w3Items > 10_000) {
            throw new CommandLine.ParameterException(line, "W2 and W3 submit one batch: at most 10000 items");
        }
        if (baselineRecords < 1000) {
            throw new CommandLine.ParameterException(line, "--baseline-records must be at least 1000");
        }
        delays();
    }
}
