package io.genfleet.aggregator.webhook;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the webhooks topic and delivers each record on a pool of delivery threads, up to {@code maxConcurrent} at a
 * time, so a receiver that is down for the whole retry window holds one slot, not the others. The polling thread never
 * blocks on a delivery: it keeps polling (the group membership stays alive whatever the window), pauses the partitions
 * while every slot is taken, and commits per partition only the offsets below the oldest delivery that has not ended
 * ({@link DeliveryOffsets}). At least once: a crash or a rebalance repeats the deliveries that had not ended, with
 * the same event id.
 */
public final class WebhookDeliveryLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveryLoop.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration UNEXPECTED_FAILURE_PAUSE = Duration.ofSeconds(5);

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final WebhookDeliverer deliverer;
    private final int maxConcurrent;
    private final ExecutorService deliveries;
    private final DeliveryOffsets offsets = new DeliveryOffsets();
    /** Deliveries that ended, handed from the delivery threads to the polling thread. */
    private final Queue<ConsumerRecord<String, byte[]>> ended = new ConcurrentLinkedQueue<>();
    private final Thread poller;
    private volatile boolean running = true;
    private boolean paused;

    WebhookDeliveryLoop(Consumer<String, byte[]> consumer, String topic, WebhookDeliverer deliverer, int maxConcurrent) {
        this.consumer = consumer;
        this.topic = topic;
        this.deliverer = deliverer;
        this.maxConcurrent = maxConcurrent;
        AtomicInteger threads = new AtomicInteger();
        this.deliveries = Executors.newFixedThreadPool(maxConcurrent, task -> {
            Thread thread = new Thread(task, "genfleet-webhook-delivery-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.poller = new Thread(this::run, "genfleet-webhook-poller");
        this.poller.setDaemon(true);
    }

    void start() {
        poller.start();
    }

    boolean isRunning() {
        return poller.isAlive();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    offsets.started(partition(record), record.offset());
                    deliveries.execute(() -> deliver(record));
                }
                commitEnded();
                flowControl();
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            log.error("The webhook delivery loop stopped; undelivered events wait on {} for a restart", topic, e);
        } finally {
            try {
                commitEnded();
            } catch (RuntimeException e) {
                log.debug("Last webhook offset commit failed: {}", e.toString());
            }
            consumer.close();
        }
    }

    /**
     * Runs one delivery to its end. An unexpected failure is tried again after a pause rather than left behind: an
     * abandoned record would hold its slot and its partition's commits until a restart.
     */
    private void deliver(ConsumerRecord<String, byte[]> record) {
        try {
            while (running) {
                try {
                    deliverer.deliver(record);
                    ended.add(record);
                    return;
                } catch (RuntimeException e) {
                    log.error("Webhook record {}/{} failed unexpectedly; trying again in {} ms", record.partition(),
                            record.offset(), UNEXPECTED_FAILURE_PAUSE.toMillis(), e);
                }
                Thread.sleep(UNEXPECTED_FAILURE_PAUSE.toMillis());
            }
        } catch (InterruptedException e) {
            // Shutting down: not ended, so not committed; delivered again after the restart.
            Thread.currentThread().interrupt();
        }
    }

    private void commitEnded() {
        for (ConsumerRecord<String, byte[]> record; (record = ended.poll()) != null; ) {
            offsets.ended(partition(record), record.offset());
        }
        Map<TopicPartition, OffsetAndMetadata> commits = offsets.committable();
        if (!commits.isEmpty()) {
            try {
                consumer.commitSync(commits);
            } catch (KafkaException e) {
                if (e instanceof WakeupException) {
                    throw e;
                }
                // Typically a rebalance in between: the new owner delivers those records again (same event ids).
                log.warn("Webhook offsets {} not committed: {}", commits, e.toString());
            }
        }
    }

    /** Every slot taken: stop fetching (keep polling for the group's sake) until a delivery ends. */
    private void flowControl() {
        boolean full = offsets.inFlight() >= maxConcurrent;
        if (full && !paused) {
            consumer.pause(consumer.assignment());
            paused = true;
        } else if (!full && paused) {
            consumer.resume(consumer.paused());
            paused = false;
        }
    }

    private static TopicPartition partition(ConsumerRecord<?, ?> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    /** Runs on the polling thread, inside poll(). */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commitEnded();
            // Deliveries still running for these partitions finish, uncommitted: the new owner repeats them.
            offsets.forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            offsets.forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (paused) {
                consumer.pause(partitions);
            }
        }
    }

    /** Stops polling and interrupts the deliveries in flight (they are not committed, so they run again later). */
    @Override
    public void close() {
        running = false;
        deliveries.shutdownNow();
        if (!poller.isAlive()) {
            // Never started (or already ended and closed its consumer, which may be closed again).
            consumer.close();
            return;
        }
        consumer.wakeup();
        try {
            poller.join(TimeUnit.SECONDS.toMillis(30));
            deliveries.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
