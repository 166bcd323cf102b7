package io.genfleet.aggregator.web;

import io.genfleet.aggregator.AggregatorSettings;
import io.genfleet.aggregator.query.StatusQueryService;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The Server-Sent-Events subscriptions: each polls the stores every {@code genfleet.aggregator.stream-interval}
 * on one shared scheduler thread. A stream ends once its batch is done (an {@code end} event, then the server
 * completes it; a client subscribes again to follow a retry-failed), when the client disconnects or when
 * {@code stream-timeout} passes; on shutdown they are completed first, so open streams do not hold up the web
 * server's graceful shutdown.
 */
@Component("aggregatorBatchEventStreams")
class BatchEventStreams implements SmartLifecycle {

    private final StatusQueryService query;
    private final AggregatorSettings settings;
    private final Set<BatchSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService scheduler;

    BatchEventStreams(StatusQueryService query, AggregatorSettings settings) {
        this.query = query;
        this.settings = settings;
    }

    SseEmitter open(String batchId) {
        ScheduledExecutorService current = scheduler;
        if (current == null) {
            throw new IllegalStateException("event streams are stopped");
        }
        SseEmitter emitter = new SseEmitter(settings.streamTimeout().toMillis());
        BatchSubscription subscription = new BatchSubscription(batchId, emitter, query);
        Runnable end = () -> {
            subscription.close();
            subscriptions.remove(subscription);
        };
        emitter.onCompletion(end);
        emitter.onTimeout(end);
        emitter.onError(e -> end.run());
        subscriptions.add(subscription);
        long interval = settings.streamInterval().toMillis();
        subscription.scheduledAs(current.scheduleWithFixedDelay(subscription::poll, 0, interval, TimeUnit.MILLISECONDS));
        return emitter;
    }

    int subscriberCount() {
        return subscriptions.size();
    }

    @Override
    public synchronized void start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "aggregator-sse");
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService current = scheduler;
        scheduler = null;
        subscriptions.forEach(BatchSubscription::complete);
        subscriptions.clear();
        if (current != null) {
            current.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** Stops before the web server's graceful shutdown (a lower phase), which would wait for open streams. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
