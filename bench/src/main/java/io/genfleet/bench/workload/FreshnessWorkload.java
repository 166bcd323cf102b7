package io.genfleet.bench.workload;

import io.genfleet.bench.fleet.BenchFleet;
import io.genfleet.bench.fleet.Pause;
import io.genfleet.bench.fleet.StatusTap;
import io.genfleet.bench.fleet.Storyboards;
import io.genfleet.bench.report.Measurement;
import io.genfleet.bench.report.Stats;
import io.genfleet.bench.report.Target;
import io.genfleet.common.status.ItemStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * W4: freshness of the item view. Small batches arrive at a steady pace; as soon as the worker's
 * {@code complete} event is read from the status topic, the item joins the {@link VisibilityPoller}, which asks
 * {@code GET /api/batches/{id}/items/{itemKey}} for every waiting item in turn, a round at most every
 * {@value #POLL_MS} ms, until it shows that attempt complete. Freshness = time of that answer - the event's
 * {@code at}: an upper bound (it includes reading the event, one round and one HTTP round trip). One request
 * at a time: a measurement that polled harder than the fleet could answer would measure itself.
 */
public final class FreshnessWorkload implements Workload {

    static final int POLL_MS = 5;
    static final int ITEMS_PER_BATCH = 10;
    static final Duration BATCH_INTERVAL = Duration.ofMillis(200);

    private final int items;

    public FreshnessWorkload(int items) {
        this.items = items;
    }

    @Override
    public String id() {
        return "W4";
    }

    @Override
    public String title() {
        return "freshness";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("items", items);
        parameters.put("items_per_batch", ITEMS_PER_BATCH);
        parameters.put("batch_interval_ms", BATCH_INTERVAL.toMillis());
        parameters.put("provider_latency_ms", "50-150");
        parameters.put("poll_interval_ms", POLL_MS);
        return parameters;
    }

    @Override
    public Map<String, String> fleetSettings() {
        return Map.of(
                "genfleet.worker.provider.latency-min", "50ms",
                "genfleet.worker.provider.latency-max", "150ms",
                "genfleet.worker.provider.failure-rate", "0.0");
    }

    @Override
    public Measurement run(BenchFleet fleet, RunEnvironment environment) {
        List<Long> tapDelayMs = Collections.synchronizedList(new ArrayList<>());
        List<Long> committedDelayMs = Collections.synchronizedList(new ArrayList<>());
        VisibilityPoller poller = new VisibilityPoller(fleet.api(), Duration.ofMillis(POLL_MS));
        List<String> batchIds = new ArrayList<>();
        try (StatusTap tap = new StatusTap(environment.bootstrapServers(), fleet.catalog().status());
             StatusTap committed = new StatusTap(environment.bootstrapServers(), fleet.catalog().status(), true)) {
            committed.onEvent(event -> {
                if (event.status() == ItemStatus.COMPLETE && event.batchId().startsWith("w4-")) {
                    committedDelayMs.add(Duration.between(event.at(), Instant.now()).toMillis());
                }
            });
            tap.onEvent(event -> {
                if (event.status() == ItemStatus.COMPLETE && event.batchId().startsWith("w4-")) {
                    tapDelayMs.add(Duration.between(event.at(), Instant.now()).toMillis());
                    poller.watch(event);
                }
            });
            poller.start();
            List<Integer> sizes = Storyboards.split(items, ITEMS_PER_BATCH);
            long next = System.nanoTime();
            for (int i = 0; i < sizes.size(); i++) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Pause.briefly(Duration.ofNanos(wait));
                }
                String batchId = "w4-" + i;
                fleet.api().submit(Storyboards.shots(batchId, sizes.get(i), null));
                batchIds.add(batchId);
                next += BATCH_INTERVAL.toNanos();
            }
            BatchWatch.awaitDone(fleet.api(), batchIds, Duration.ofMinutes(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (poller.measured() + poller.unseen() < items && System.nanoTime() < deadline) {
                Pause.briefly(Duration.ofMillis(20));
            }
        } finally {
            poller.stop();
        }
        List<Long> freshnessMs = poller.freshnessMs();
        Measurement measurement = new Measurement()
                .put("freshness_p50_ms", Stats.percentile(freshnessMs, 50))
                .put("freshness_p99_ms", Stats.percentile(freshnessMs, 99))
                .put("freshness_max_ms", Stats.percentile(freshnessMs, 100))
                .put("samples", freshnessMs.size())
                // How late the bench itself read the events: part of every freshness figure above.
                .put("status_read_delay_p99_ms", Stats.percentile(tapDelayMs, 99))
                // What a read_committed reader (the aggregator) can see at the earliest: behind open transactions.
                .put("status_read_committed_delay_p50_ms", Stats.percentile(committedDelayMs, 50))
                .put("status_read_committed_delay_p99_ms", Stats.percentile(committedDelayMs, 99));
        if (poller.unseen() > 0) {
            measurement.put("never_visible", poller.unseen());
        }
        return measurement;
    }

    @Override
    public List<Target> targets() {
        return List.of(Target.atMost("freshness_p99_ms", 200), Target.atLeast("samples", items));
    }

    @Override
    public List<String> notes(RunEnvironment environment) {
        return List.of("freshness = answer time of the first GET /api/batches/{id}/items/{itemKey} showing the "
                        + "attempt complete - the complete event's at; polling starts when the bench reads the event "
                        + "from the status topic (status_read_delay), one request at a time, a round of all waiting "
                        + "items at most every " + POLL_MS + " ms: an upper bound");
    }
}
