package io.genfleet.bench.workload;

import io.genfleet.bench.fleet.BenchFleet;
import io.genfleet.bench.fleet.Pause;
import io.genfleet.bench.fleet.StatusTap;
import io.genfleet.bench.fleet.Storyboards;
import io.genfleet.bench.report.Measurement;
import io.genfleet.bench.report.Target;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * W5: what the default in-flight limit gives a real workload. 1,000 generations of 2 s each through one fleet with
 * {@code genfleet.worker.max-in-flight} left at its default: with at least 500 in flight they are done within
 * about 4 s of work plus submission and start-up; with the old default of 3 per topic they took minutes.
 */
public final class DefaultInFlightWorkload implements Workload {

    static final Duration LATENCY = Duration.ofSeconds(2);

    private final int items;

    public DefaultInFlightWorkload(int items) {
        this.items = items;
    }

    @Override
    public String id() {
        return "W5";
    }

    @Override
    public String title() {
        return "2 s generations, default in-flight limit";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("items", items);
        parameters.put("provider_latency_ms", LATENCY.toMillis());
        parameters.put("in_flight_limit", "default");
        return parameters;
    }

    @Override
    public Map<String, String> fleetSettings() {
        // Deliberately no genfleet.worker.max-in-flight: the default is what is measured.
        return Map.of(
                "genfleet.worker.provider.latency-min", LATENCY.toMillis() + "ms",
                "genfleet.worker.provider.latency-max", LATENCY.toMillis() + "ms",
                "genfleet.worker.provider.failure-rate", "0.0");
    }

    @Override
    public Measurement run(BenchFleet fleet, RunEnvironment environment) {
        String batchId = "w5";
        try (StatusTap tap = new StatusTap(environment.bootstrapServers(), fleet.catalog().status())) {
            long started = System.nanoTime();
            fleet.api().submit(Storyboards.shots(batchId, items, null));
            BatchWatch.awaitDone(fleet.api(), List.of(batchId), Duration.ofMinutes(30));
            double doneAfter = (System.nanoTime() - started) / 1e9;
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (!tap.terminal(batchId, items) && System.nanoTime() < deadline) {
                Pause.briefly(Duration.ofMillis(20));
            }
            WorkerTimeline timeline = WorkerTimeline.of(tap.batch(batchId).values());
            return new Measurement()
                    .put("done_after_s", doneAfter)
                    .put("peak_in_flight", timeline.peakInFlight())
                    .put("complete", timeline.completed());
        }
    }

    @Override
    public List<Target> targets() {
        return List.of(Target.atMost("done_after_s", 12), Target.atLeast("peak_in_flight", 500),
                Target.atLeast("complete", items));
    }

    @Override
    public List<String> notes(RunEnvironment environment) {
        return List.of("the whole fleet in one process, genfleet.worker.max-in-flight at its default",
                "done_after_s = from the submit to done=true in GET /api/batches/{id}",
                "peak_in_flight = most attempts between their generating and complete events at one time");
    }
}
