package io.genfleet.e2e;

import io.genfleet.e2e.rig.Http;
import io.genfleet.e2e.rig.ServiceNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** Asks the aggregator for its Kafka Streams state (its health component) five times a second, and keeps the answers. */
final class StreamsStateWatch implements AutoCloseable {

    private final ServiceNode aggregator;
    private final Map<String, Integer> states = new TreeMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    StreamsStateWatch(ServiceNode aggregator) {
        this.aggregator = aggregator;
        this.thread = new Thread(this::run, "e2e-streams-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running.get()) {
            String state;
            try {
                state = Http.get(aggregator.url("/actuator/health/aggregatorStreams"), Duration.ofSeconds(3)).json()
                        .path("details").path("state").asString("UNKNOWN");
            } catch (IOException | RuntimeException e) {
                state = "NO ANSWER";
            }
            synchronized (this) {
                states.merge(state, 1, Integer::sum);
            }
            try {
                // Paces the questions; this thread only observes.
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Every state other than RUNNING that was seen, with how often. */
    synchronized Map<String, Integer> notRunning() {
        Map<String, Integer> others = new TreeMap<>(states);
        others.remove("RUNNING");
        return others;
    }

    synchronized String summary() {
        return "Streams states seen " + states;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }
}
