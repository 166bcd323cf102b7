package io.genfleet.bench.engines;

import io.genfleet.bench.report.Measurement;
import io.genfleet.bench.report.Target;
import io.genfleet.bench.workload.BrokerWorkload;
import io.genfleet.bench.workload.RunEnvironment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * W7 (issue 11): spring-kafka's listener container with asynchronous returns and out-of-order acknowledgements
 * against genfleet's own loop, on the same records, the same broker and the same budget of C calls in flight. Each
 * scenario runs each engine once per run, in its own topic and group; which engine goes first alternates.
 */
public final class EngineComparisonWorkload implements BrokerWorkload {

    static final List<Scenario> SCENARIOS = List.of(Scenario.UNIFORM, Scenario.SLOW_TAIL, Scenario.NO_OP);
    /** Issue 11's bar for an engine: a slow call may cost the others little more than its own latency. */
    static final double SLOW_TAIL_TARGET_FACTOR = 1.5;

    /** A figure of a pass, by its metric name (the unit last). */
    private record Figure(String name, ToDoubleFunction<PassResult> value) {
    }

    private static final List<Figure> FIGURES = List.of(
            new Figure("wall_s", PassResult::wallSeconds),
            new Figure("acked_s", PassResult::ackedSeconds),
            new Figure("records_per_s", PassResult::recordsPerSecond),
            new Figure("peak_in_flight", PassResult::peakInFlight),
            new Figure("cpu_us_per_record", PassResult::engineCpuMicrosPerRecord),
            new Figure("process_cpu_us_per_record", PassResult::processCpuMicrosPerRecord),
            new Figure("committed", PassResult::committed));

    private final int records;
    private final int inFlightLimit;
    private final int partitions;
    private final int replicationFactor;
    private final int springConcurrency;
    private int runs;

    /**
     * @param replicationFactor of the pass topics; below 1: the cluster's default
     * @param springConcurrency spring-kafka's consumers (capped at the partitions)
     */
    public EngineComparisonWorkload(int records, int inFlightLimit, int partitions, int replicationFactor,
                                    int springConcurrency) {
        this.records = records;
        this.inFlightLimit = inFlightLimit;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.springConcurrency = springConcurrency;
    }

    @Override
    public String id() {
        return "W7";
    }

    @Override
    public String title() {
        return "engines: spring-kafka async acks vs genfleet's loop";
    }

    @Override
    public Map<String, Object> parameters() {
        int concurrency = SpringKafkaEngine.concurrency(springConcurrency, partitions);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("records", records);
        parameters.put("partitions", partitions);
        parameters.put("in_flight_limit", inFlightLimit);
        parameters.put("latency_ms", Scenario.UNIFORM.latency().toMillis());
        parameters.put("slow_tail", "1 record in " + Scenario.SLOW_ONE_IN + " takes "
                + Scenario.SLOW_TAIL.slowLatency().toMillis() + " ms (" + Scenario.slowCount(records) + " records)");
        for (Scenario scenario : List.of(Scenario.UNIFORM, Scenario.SLOW_TAIL)) {
            parameters.put("ideal_" + scenario.metricName() + "_s", scenario.idealSeconds(records, inFlightLimit));
        }
        parameters.put("spring_kafka", "ConcurrentMessageListenerContainer, concurrency " + concurrency
                + ", max.poll.records " + SpringKafkaEngine.maxPollRecords(inFlightLimit, concurrency)
                + ", AckMode MANUAL, asyncAcks, async commits, CompletableFuture listener return");
        parameters.put("genfleet_loop", "TopicLoop, one consumer, InFlightLimiter " + inFlightLimit
                + ", the worker's consumer settings");
        return parameters;
    }

    @Override
    public void warmUp(String runId, RunEnvironment environment) {
        try (CommitWatch commits = new CommitWatch(environment.bootstrapServers())) {
            EnginePass pass = pass(environment, commits);
            for (EngineKind kind : EngineKind.values()) {
                pass.run(passName(runId, Scenario.WARM_UP, kind), kind, Scenario.WARM_UP);
            }
        }
    }

    @Override
    public Measurement run(String runId, RunEnvironment environment) {
        int run = ++runs;
        Map<Scenario, Map<EngineKind, PassResult>> results = new LinkedHashMap<>();
        try (CommitWatch commits = new CommitWatch(environment.bootstrapServers())) {
            EnginePass pass = pass(environment, commits);
            for (int s = 0; s < SCENARIOS.size(); s++) {
                Scenario scenario = SCENARIOS.get(s);
                Map<EngineKind, PassResult> byEngine = new EnumMap<>(EngineKind.class);
                for (EngineKind kind : order(run + s)) {
                    PassResult result = pass.run(passName(runId, scenario, kind), kind, scenario);
                    environment.log("W7 %s %s: %s", scenario.metricName(), kind.metricName(), result);
                    byEngine.put(kind, result);
                }
                results.put(scenario, byEngine);
            }
        }
        return measurement(results);
    }

    /** Alternates which engine goes first, so neither always runs on the machine the other has just warmed. */
    private static List<EngineKind> order(int turn) {
        List<EngineKind> kinds = new ArrayList<>(List.of(EngineKind.values()));
        if (turn % 2 == 0) {
            Collections.reverse(kinds);
        }
        return kinds;
    }

    /** Scenario by scenario, each figure of both engines side by side. */
    private static Measurement measurement(Map<Scenario, Map<EngineKind, PassResult>> results) {
        Measurement measurement = new Measurement();
        int duplicates = 0;
        for (Map.Entry<Scenario, Map<EngineKind, PassResult>> scenario : results.entrySet()) {
            for (Figure figure : FIGURES) {
                for (EngineKind kind : EngineKind.values()) {
                    measurement.put(metric(scenario.getKey(), kind, figure.name()),
                            figure.value().applyAsDouble(scenario.getValue().get(kind)));
                }
            }
            duplicates += scenario.getValue().values().stream().mapToInt(PassResult::duplicateCalls).sum();
        }
        return measurement.put("duplicate_calls", duplicates);
    }

    private EnginePass pass(RunEnvironment environment, CommitWatch commits) {
        return new EnginePass(environment.bootstrapServers(), partitions, replicationFactor, records, inFlightLimit,
                springConcurrency, commits);
    }

    /** Topic and consumer group of one pass. */
    private static String passName(String runId, Scenario scenario, EngineKind kind) {
        return "bench-" + runId + "-" + scenario.metricName().replace('_', '-') + "-"
                + kind.metricName().replace('_', '-');
    }

    static String metric(Scenario scenario, EngineKind kind, String figure) {
        return scenario.metricName() + "_" + kind.metricName() + "_" + figure;
    }

    @Override
    public List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        double slowTailLimit = SLOW_TAIL_TARGET_FACTOR * Scenario.SLOW_TAIL.idealSeconds(records, inFlightLimit);
        for (EngineKind kind : EngineKind.values()) {
            targets.add(Target.atMost(metric(Scenario.SLOW_TAIL, kind, "wall_s"), slowTailLimit));
        }
        for (Scenario scenario : SCENARIOS) {
            for (EngineKind kind : EngineKind.values()) {
                targets.add(Target.atLeast(metric(scenario, kind, "committed"), records));
            }
        }
        return targets;
    }

    @Override
    public List<String> notes(RunEnvironment environment) {
        return List.of("each engine and scenario: a fresh topic and consumer group; the records are written in a "
                        + "transaction that commits once the engine's group is settled, so the engine finds them all "
                        + "waiting at once (both read read_committed, as the worker does)",
                "wall_s = first call started to every record's offset committed, read from the broker every "
                        + CommitWatch.INTERVAL.toMillis() + " ms; acked_s = first call started to the last call "
                        + "ended; records_per_s = records / wall_s",
                "ideal: records / C x 200 ms, plus 3 s when a slow call is among them; target: slow tail "
                        + "wall_s <= " + SLOW_TAIL_TARGET_FACTOR + " x ideal, for both engines",
                "cpu_us_per_record: the engine's own threads (consumers, heartbeat, the call timer, on which "
                        + "completions run) from the release of the records to the last commit; "
                        + "process_cpu_us_per_record: the whole process"
                        + (environment.brokerInProcess() ? ", the embedded broker and the bench's offset reads included"
                        : ", the bench's offset reads included"),
                "spring_kafka: a consumer stops fetching until every record of its last poll is acknowledged "
                        + "(asyncAcks' documented contract), so C / concurrency records per poll bound it to C calls in "
                        + "flight; its listener goes through spring-messaging's adapter, as a @KafkaListener does",
                "genfleet_loop: one consumer for all partitions; partitions with records waiting for a permit are "
                        + "paused, every other one keeps fetching",
                "duplicate_calls: calls beyond one per record, over all passes of the run (a rebalance during a "
                        + "pass would repeat records)");
    }
}
