package io.genfleet.bench.workload;

import io.genfleet.bench.fleet.BenchFleet;
import io.genfleet.bench.fleet.Storyboards;
import io.genfleet.bench.report.Measurement;
import io.genfleet.bench.report.Target;
import io.genfleet.bench.system.ProcessResources;
import io.genfleet.bench.system.ThreadCpu;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * W1: the fleet's own cost per item. A no-op provider (0 ms, never fails); items/s from the first submit to
 * the last {@code complete} visible in the aggregate ({@code GET /api/batches/{id}}); CPU per item of the
 * whole process; peak RSS.
 */
public final class OverheadWorkload implements Workload {

    /** Items per {@code POST /api/batches}: several batches, so submitting overlaps with working. */
    static final int ITEMS_PER_BATCH = 5_000;

    private final int items;

    public OverheadWorkload(int items) {
        this.items = items;
    }

    @Override
    public String id() {
        return "W1";
    }

    @Override
    public String title() {
        return "overhead";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("items", items);
        parameters.put("items_per_batch", Math.min(items, ITEMS_PER_BATCH));
        parameters.put("provider_latency_ms", 0);
        parameters.put("failure_rate", 0.0);
        return parameters;
    }

    /** The simulated provider answering at once and never failing: what is measured is the fleet's own cost. */
    static final Map<String, String> NO_OP_PROVIDER = Map.of(
            "genfleet.worker.provider.latency-min", "0ms",
            "genfleet.worker.provider.latency-max", "0ms",
            "genfleet.worker.provider.failure-rate", "0.0");

    @Override
    public Map<String, String> fleetSettings() {
        return NO_OP_PROVIDER;
    }

    /**
     * The same number of items once before the measured run: a fleet that runs for days has compiled its hot paths,
     * and with 500 warm-up items the JIT compilers took about a third of the first measured run's CPU. What they still
     * take during the run is reported as {@code cpu_ms_per_item_jit}.
     */
    @Override
    public int warmUpItems() {
        return items;
    }

    @Override
    public Measurement run(BenchFleet fleet, RunEnvironment environment) {
        boolean peakReset = ProcessResources.resetPeakRss();
        long cpuBefore = ProcessResources.processCpuNanos();
        ThreadCpu threadsBefore = ThreadCpu.snapshot();
        long started = System.nanoTime();
        List<String> batchIds = new ArrayList<>();
        List<Integer> sizes = Storyboards.split(items, ITEMS_PER_BATCH);
        for (int i = 0; i < sizes.size(); i++) {
            String batchId = "w1-" + i;
            fleet.api().submit(Storyboards.shots(batchId, sizes.get(i), null));
            batchIds.add(batchId);
        }
        long submitted = System.nanoTime();
        List<JsonNode> summaries = BatchWatch.awaitDone(fleet.api(), batchIds, Duration.ofMinutes(10));
        long finished = System.nanoTime();
        long cpu = ProcessResources.processCpuNanos() - cpuBefore;
        Map<String, Long> cpuByComponent = ThreadCpu.snapshot().since(threadsBefore);
        double seconds = (finished - started) / 1e9;
        long complete = summaries.stream().mapToLong(s -> BatchWatch.count(s, "complete")).sum();
        Measurement measurement = new Measurement()
                .put("items_per_s", complete / seconds)
                .put("wall_s", seconds)
                .put("submit_s", (submitted - started) / 1e9)
                .put("cpu_ms_per_item", cpu / 1e6 / complete)
                .put("cpu_cores_busy", cpu / 1e9 / seconds)
                .put("complete", complete);
        measurement.putCpuPerItem(cpuByComponent, complete);
        long attributed = cpuByComponent.values().stream().mapToLong(Long::longValue).sum();
        measurement.put("cpu_ms_per_item_unattributed", Math.max(0, cpu - attributed) / 1e6 / complete);
        ProcessResources.peakRssBytes().ifPresent(bytes -> measurement.put(
                peakReset ? "peak_rss_mb" : "peak_rss_since_start_mb", bytes / (1024.0 * 1024)));
        return measurement;
    }

    @Override
    public List<Target> targets() {
        return List.of(Target.atLeast("items_per_s", 20_000), Target.atMost("cpu_ms_per_item", 0.2),
                Target.atLeast("complete", items));
    }

    @Override
    public List<String> notes(RunEnvironment environment) {
        return List.of(environment.brokerInProcess()
                        ? "CPU and RSS are this JVM's: the embedded broker, producer, worker, aggregator and the bench "
                        + "client (HTTP polls every 20 ms) are all in it"
                        : "CPU and RSS are the bench JVM's (producer, worker, aggregator); the external broker's are NOT included",
                "peak RSS is VmHWM after resetting it (clear_refs 5) at the start of the run",
                "cpu_ms_per_item_<part>: per-thread CPU clocks grouped by thread name (aggregator = Kafka Streams "
                        + "threads and RocksDB's; worker = its loops/containers and producer; broker = the embedded broker's threads; "
                        + "http_and_bench = Tomcat, the bench's HTTP client and status reader; jit = the JIT compilers; "
                        + "gc_and_vm = the garbage collector and VM threads; RocksDB's threads count as aggregator); "
                        + "unattributed = threads that ended during the run",
                "before the measured run the fleet ran the same number of no-op items once (warm-up), so the "
                        + "figures are a warmed fleet's; the JIT's remaining share is cpu_ms_per_item_jit");
    }
}
