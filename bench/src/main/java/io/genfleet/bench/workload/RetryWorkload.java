package io.genfleet.bench.workload;

import io.genfleet.bench.fleet.BenchFleet;
import io.genfleet.bench.fleet.Pause;
import io.genfleet.bench.fleet.StatusTap;
import io.genfleet.bench.fleet.Storyboards;
import io.genfleet.bench.report.Measurement;
import io.genfleet.bench.report.Stats;
import io.genfleet.bench.report.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * W2, the seed's workload: every attempt fails with p = 0.3, decided by the simulated provider's seeded hash
 * of (seed, batch, item, epoch, attempt); the default delays 2/4/8 s and 3 retries. Wall time from the
 * submit to every item terminal in the aggregate, the outcome counts, and retry lateness per tier.
 */
public final class RetryWorkload implements Workload {

    static final double FAILURE_RATE = 0.3;
    static final long SEED = 42;

    private final int items;
    private final List<Duration> delays;

    public RetryWorkload(int items, List<Duration> delays) {
        this.items = items;
        this.delays = List.copyOf(delays);
    }

    @Override
    public String id() {
        return "W2";
    }

    @Override
    public String title() {
        return "retries";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("items", items);
        parameters.put("failure_rate", FAILURE_RATE);
        parameters.put("seed", SEED);
        parameters.put("retry_delays_ms", delays.stream().map(Duration::toMillis).toList());
        parameters.put("provider_latency_ms", 0);
        return parameters;
    }

    @Override
    public Map<String, String> fleetSettings() {
        return Map.of(
                "genfleet.worker.provider.latency-min", "0ms",
                "genfleet.worker.provider.latency-max", "0ms",
                "genfleet.worker.provider.failure-rate", Double.toString(FAILURE_RATE),
                "genfleet.worker.provider.seed", Long.toString(SEED));
    }

    @Override
    public Measurement run(BenchFleet fleet, RunEnvironment environment) {
        // The same batch id in every run (each run has its own fleet): the same items fail the same attempts.
        String batchId = "w2";
        try (StatusTap tap = new StatusTap(environment.bootstrapServers(), fleet.catalog().status())) {
            long started = System.nanoTime();
            fleet.api().submit(Storyboards.shots(batchId, items, null));
            JsonNode summary = BatchWatch.awaitDone(fleet.api(), List.of(batchId), Duration.ofMinutes(10)).get(0);
            double drain = (System.nanoTime() - started) / 1e9;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!tap.terminal(batchId, items) && System.nanoTime() < deadline) {
                Pause.briefly(Duration.ofMillis(50));
            }
            RetryLateness lateness = RetryLateness.of(tap.batch(batchId).values(), delays);
            Measurement measurement = new Measurement()
                    .put("drain_s", drain)
                    .put("nominal_floor_s", delays.stream().mapToLong(Duration::toMillis).sum() / 1000.0)
                    .put("complete", BatchWatch.count(summary, "complete"))
                    .put("failed_permanent", BatchWatch.count(summary, "failed_permanent"))
                    .put("retries", summary.path("retries").asLong());
            List<Long> all = new ArrayList<>();
            lateness.latenessMsByTier().forEach((tier, values) -> {
                all.addAll(values);
                measurement.put("lateness_p50_ms_" + tier, Stats.percentile(values, 50))
                        .put("lateness_p99_ms_" + tier, Stats.percentile(values, 99))
                        .put("lateness_max_ms_" + tier, Stats.percentile(values, 100));
            });
            measurement.put("lateness_p99_ms_all", Stats.percentile(all, 99))
                    .put("early_retries", lateness.early());
            if (lateness.missingNextAttempt() > 0) {
                measurement.put("retries_not_seen", lateness.missingNextAttempt());
            }
            return measurement;
        }
    }

    @Override
    public List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        targets.add(Target.atMost("drain_s", 14.5));
        delays.forEach(delay -> targets.add(Target.atMost("lateness_p99_ms_" + delay.toMillis(), 50)));
        targets.add(Target.atMost("early_retries", 0));
        return targets;
    }

    @Override
    public List<String> notes(RunEnvironment environment) {
        return List.of("lateness = generating.at of attempt n+1 - nextRetryAt of attempt n's failed event "
                        + "(both from the status topic, written by the worker)",
                "drain = first submit to done=true in GET /api/batches/w2; the drain target assumes delays 2/4/8 s");
    }
}
