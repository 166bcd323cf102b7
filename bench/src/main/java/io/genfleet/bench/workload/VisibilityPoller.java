package io.genfleet.bench.workload;

import io.genfleet.bench.fleet.FleetApi;
import io.genfleet.bench.fleet.Pause;
import io.genfleet.common.status.StatusEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * Asks the item view, one request at a time, whether each watched {@code complete} event is visible yet, and
 * keeps how long after the event it first was. Its own thread; gives up on an item after 30 s.
 */
final class VisibilityPoller {

    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    private final FleetApi api;
    private final Duration round;
    private final ConcurrentLinkedQueue<StatusEvent> incoming = new ConcurrentLinkedQueue<>();
    private final List<Long> freshnessMs = new ArrayList<>();
    private final AtomicInteger measured = new AtomicInteger();
    private final AtomicInteger unseen = new AtomicInteger();
    private final Thread thread = new Thread(this::run, "bench-visibility-poller");
    private volatile boolean running = true;

    VisibilityPoller(FleetApi api, Duration round) {
        this.api = api;
        this.round = round;
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void watch(StatusEvent complete) {
        incoming.add(complete);
    }

    int measured() {
        return measured.get();
    }

    int unseen() {
        return unseen.get();
    }

    /** The measurements, once {@link #stop()} returned. */
    List<Long> freshnessMs() {
        return List.copyOf(freshnessMs);
    }

    void stop() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<StatusEvent> waiting = new ArrayList<>();
        while (running) {
            long started = System.nanoTime();
            for (StatusEvent event; (event = incoming.poll()) != null; ) {
                waiting.add(event);
            }
            for (Iterator<StatusEvent> it = waiting.iterator(); it.hasNext(); ) {
                StatusEvent event = it.next();
                Optional<JsonNode> item = api.item(event.batchId(), event.itemKey());
                Instant answered = Instant.now();
                if (item.isPresent() && "complete".equals(item.get().path("status").asString(""))
                        && item.get().path("epoch").asInt() == event.epoch()
                        && item.get().path("attempt").asInt() == event.attempt()) {
                    freshnessMs.add(Duration.between(event.at(), answered).toMillis());
                    measured.incrementAndGet();
                    it.remove();
                } else if (Duration.between(event.at(), answered).compareTo(GIVE_UP) > 0) {
                    unseen.incrementAndGet();
                    it.remove();
                }
            }
            long rest = round.toNanos() - (System.nanoTime() - started);
            if (rest > 0) {
                Pause.briefly(Duration.ofNanos(rest));
            }
        }
    }
}
