package io.genfleet.bench.workload;

import io.genfleet.bench.fleet.BenchFleet;
import io.genfleet.bench.fleet.FleetShape;
import io.genfleet.bench.fleet.Pause;
import io.genfleet.bench.fleet.RequestPublisher;
import io.genfleet.bench.fleet.StatusTap;
import io.genfleet.bench.fleet.Storyboards;
import io.genfleet.bench.report.Measurement;
import io.genfleet.bench.report.Target;
import io.genfleet.bench.system.ProcessResources;
import io.genfleet.bench.system.ThreadCpu;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * W3: I/O-bound generations (every provider call takes 200 ms) with an in-flight limit C. The ideal
 * throughput of one worker process is C / latency; the figure is the worker's completed items per second
 * (first {@code generating} to last {@code complete}, from its status events) as a fraction of that.
 */
public final class IoBoundWorkload implements Workload {

    static final Duration LATENCY = Duration.ofMillis(200);

    private final int items;
    private final int inFlightLimit;
    private final boolean workerOnly;

    /**
     * @param workerOnly run on a worker process alone (W3W): requests published to the lane topic, no producer
     *                   or aggregator in the process, as one worker pod of a deployed fleet
     */
    public IoBoundWorkload(int items, int inFlightLimit, boolean workerOnly) {
        this.items = items;
        this.inFlightLimit = inFlightLimit;
        this.workerOnly = workerOnly;
    }

    @Override
    public String id() {
        return workerOnly ? "W3W" : "W3";
    }

    @Override
    public String title() {
        return workerOnly ? "I/O-bound, worker alone" : "I/O-bound";
    }

    /** Its own run once, unmeasured (as W1): the 200 ms calls and the slots they free are what is measured. */
    @Override
    public int warmUpItems() {
        return items;
    }

    @Override
    public boolean warmUpOnOwnProvider() {
        return true;
    }

    @Override
    public FleetShape shape() {
        return workerOnly ? FleetShape.WORKER_ALONE : FleetShape.WHOLE_FLEET;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("items", items);
        parameters.put("provider_latency_ms", LATENCY.toMillis());
        parameters.put("in_flight_limit", inFlightLimit);
        parameters.put("ideal_items_per_s", idealItemsPerSecond());
        return parameters;
    }

    private double idealItemsPerSecond() {
        return inFlightLimit * 1000.0 / LATENCY.toMillis();
    }

    @Override
    public Map<String, String> fleetSettings() {
        return Map.of(
                "genfleet.worker.provider.latency-min", LATENCY.toMillis() + "ms",
                "genfleet.worker.provider.latency-max", LATENCY.toMillis() + "ms",
                "genfleet.worker.provider.failure-rate", "0.0",
                "genfleet.worker.max-in-flight", Integer.toString(inFlightLimit));
    }

    @Override
    public Measurement run(BenchFleet fleet, RunEnvironment environment) {
        String batchId = "w3";
        try (StatusTap tap = new StatusTap(environment.bootstrapServers(), fleet.catalog().status())) {
            long cpuBefore = ProcessResources.processCpuNanos();
            ThreadCpu threadsBefore = ThreadCpu.snapshot();
            long started = System.nanoTime();
            double endToEnd = Double.NaN;
            if (workerOnly) {
                RequestPublisher.publish(environment.bootstrapServers(), fleet.catalog(), batchId, items, null);
            } else {
                fleet.api().submit(Storyboards.shots(batchId, items, null));
                BatchWatch.awaitDone(fleet.api(), List.of(batchId), Duration.ofMinutes(30));
                endToEnd = items / ((System.nanoTime() - started) / 1e9);
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(workerOnly ? 30 : 1).toNanos();
            while (!tap.terminal(batchId, items) && System.nanoTime() < deadline) {
                Pause.briefly(Duration.ofMillis(20));
            }
            long cpu = ProcessResources.processCpuNanos() - cpuBefore;
            Map<String, Long> cpuByComponent = ThreadCpu.snapshot().since(threadsBefore);
            WorkerTimeline timeline = WorkerTimeline.of(tap.batch(batchId).values());
            Measurement measurement = new Measurement()
                    .put("items_per_s", timeline.itemsPerSecond())
                    .put("ratio_to_ideal", timeline.itemsPerSecond() / idealItemsPerSecond());
            if (!workerOnly) {
                measurement.put("end_to_end_items_per_s", endToEnd);
            }
            measurement.put("peak_in_flight", timeline.peakInFlight())
                    .put("complete", timeline.completed())
                    .put("cpu_ms_per_item", cpu / 1e6 / items)
                    .putCpuPerItem(cpuByComponent, items);
            return measurement;
        }
    }

    @Override
    public List<Target> targets() {
        return List.of(Target.atLeast("ratio_to_ideal", 0.95), Target.atLeast("complete", items));
    }

    @Override
    public List<String> notes(RunEnvironment environment) {
        return List.of(workerOnly ? "a worker process alone: requests published straight to the lane topic, "
                        + "no producer, aggregator or HTTP in the process (the broker still is, when embedded)"
                        : "the whole fleet in one process (producer, worker, aggregator, embedded broker)","items_per_s = completed / (last complete.at - first generating.at), from the worker's "
                        + "status events; ideal = C / 200 ms = " + Math.round(idealItemsPerSecond()) + " items/s",
                "end_to_end_items_per_s (W3 only) = items / (submit to done=true in the aggregate)",
                "cpu_ms_per_item: the whole process over the run, including the status reader of the bench "
                        + "(http_and_bench); its parts as in W1",
                "peak_in_flight = most attempts between their generating and complete events at one time");
    }
}
