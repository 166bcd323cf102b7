package io.genfleet.bench.workload;

import io.genfleet.bench.fleet.BenchFleet;
import io.genfleet.bench.fleet.FleetApi;
import io.genfleet.bench.fleet.Pause;
import io.genfleet.bench.fleet.StatusTap;
import io.genfleet.bench.fleet.Storyboards;
import io.genfleet.bench.report.Measurement;
import io.genfleet.bench.report.Stats;
import io.genfleet.bench.report.Target;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.status.StatusEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * W4: freshness of the item view. Small batches arrive at a steady pace; as soon as the worker's
 * {@code complete} event is read from the status topic, {@code GET /api/batches/{id}/items/{itemKey}} is
 * polled every {@value #POLL_MS} ms until it shows that attempt complete. Freshness = time of that
 * answer - the event's {@code at}: an upper bound (it includes reading the event and one HTTP round trip).
 */
public final class FreshnessWorkload implements Workload {

    static final int POLL_MS = 2;
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
        List<Long> freshnessMs = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger unseen = new AtomicInteger();
        ExecutorService pollers = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "bench-freshness-poller");
            thread.setDaemon(true);
            return thread;
        });
        List<String> batchIds = new ArrayList<>();
        try (StatusTap tap = new StatusTap(environment.bootstrapServers(), fleet.catalog().status())) {
            tap.onEvent(event -> {
                if (event.status() == ItemStatus.COMPLETE && event.batchId().startsWith("w4-")) {
                    try {
                        pollers.execute(() -> visibleAfter(fleet.api(), event)
                                .ifPresentOrElse(freshnessMs::add, unseen::incrementAndGet));
                    } catch (RejectedExecutionException e) {
                        unseen.incrementAndGet();
                    }
                }
            });
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
            // Every complete event must have reached the tap (and started its poller) before the pool closes.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && !batchIds.stream()
                    .allMatch(id -> tap.terminal(id, sizes.get(Integer.parseInt(id.substring(3)))))) {
                Pause.briefly(Duration.ofMillis(20));
            }
            pollers.shutdown();
            awaitPollers(pollers);
        } finally {
            pollers.shutdownNow();
        }
        Measurement measurement = new Measurement()
                .put("freshness_p50_ms", Stats.percentile(freshnessMs, 50))
                .put("freshness_p99_ms", Stats.percentile(freshnessMs, 99))
                .put("freshness_max_ms", Stats.percentile(freshnessMs, 100))
                .put("samples", freshnessMs.size());
        if (unseen.get() > 0) {
            measurement.put("never_visible", unseen.get());
        }
        return measurement;
    }

    /** Polls the item until it shows the event's attempt complete; the time that took past the event. */
    private static Optional<Long> visibleAfter(FleetApi api, StatusEvent event) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> item = api.item(event.batchId(), event.itemKey());
            Instant answered = Instant.now();
            if (item.isPresent() && "complete".equals(item.get().path("status").asString(""))
                    && item.get().path("epoch").asInt() == event.epoch()
                    && item.get().path("attempt").asInt() == event.attempt()) {
                return Optional.of(Duration.between(event.at(), answered).toMillis());
            }
            Pause.briefly(Duration.ofMillis(POLL_MS));
        }
        return Optional.empty();
    }

    private static void awaitPollers(ExecutorService pollers) {
        try {
            if (!pollers.awaitTermination(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("freshness pollers did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public List<Target> targets() {
        return List.of(Target.atMost("freshness_p99_ms", 200), Target.atLeast("samples", items));
    }

    @Override
    public List<String> notes(RunEnvironment environment) {
        return List.of("freshness = answer time of the first GET /api/batches/{id}/items/{itemKey} showing the "
                + "attempt complete - the complete event's at; polling starts when the bench reads the event from "
                + "the status topic, so it is an upper bound with " + POLL_MS + " ms resolution");
    }
}
