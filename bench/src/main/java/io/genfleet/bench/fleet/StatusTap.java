package io.genfleet.bench.fleet;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.topic.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the status topic from its beginning as the worker writes it and keeps every event per item: the
 * source of the worker-side timings (first {@code generating}, last {@code complete}, retry lateness).
 * Its own thread; no consumer group (assigned partitions), so it never disturbs the fleet's groups.
 */
public final class StatusTap implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicSpec<String, StatusEvent> topic;
    private final Map<ItemId, List<StatusEvent>> events = new ConcurrentHashMap<>();
    private final List<Consumer<StatusEvent>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    public StatusTap(String bootstrapServers, TopicSpec<String, StatusEvent> topic) {
        this(bootstrapServers, topic, false);
    }

    /**
     * @param readCommitted read as the aggregator does (only up to the last stable offset: behind any open
     *                      producer transaction on the partition), instead of as early as possible
     */
    public StatusTap(String bootstrapServers, TopicSpec<String, StatusEvent> topic, boolean readCommitted) {
        this.topic = topic;
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // The worker's events are not transactional; reading uncommitted sees them as early as possible.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic.name(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::run, "bench-status-tap");
        thread.setDaemon(true);
        thread.start();
    }

    /** Called on the tap's thread for every event read from now on. */
    public void onEvent(Consumer<StatusEvent> listener) {
        listeners.add(listener);
    }

    /** The item's events in the order of the topic (one item's events share a partition). */
    public List<StatusEvent> of(ItemId id) {
        List<StatusEvent> list = events.get(id);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    /** Every event of the batch, grouped by item. */
    public Map<ItemId, List<StatusEvent>> batch(String batchId) {
        Map<ItemId, List<StatusEvent>> result = new HashMap<>();
        events.forEach((id, list) -> {
            if (id.batchId().equals(batchId)) {
                result.put(id, of(id));
            }
        });
        return result;
    }

    /** Whether the latest event of every item of the batch is terminal (with {@code items} items seen). */
    public boolean terminal(String batchId, int items) {
        Map<ItemId, List<StatusEvent>> batch = batch(batchId);
        return batch.size() == items && batch.values().stream().allMatch(list ->
                list.stream().max(Comparator.comparing(StatusEvent::order)).map(e -> e.status().isTerminal())
                        .orElse(false));
    }

    /** Events of the given status across the batch. */
    public List<StatusEvent> all(String batchId, ItemStatus status) {
        List<StatusEvent> result = new ArrayList<>();
        batch(batchId).values().forEach(list -> list.stream().filter(e -> e.status() == status).forEach(result::add));
        return result;
    }

    private void run() {
        try {
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    StatusEvent event = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
                    List<StatusEvent> list = events.computeIfAbsent(event.itemId(), id -> new ArrayList<>());
                    synchronized (list) {
                        list.add(event);
                    }
                    for (Consumer<StatusEvent> listener : listeners) {
                        try {
                            listener.accept(event);
                        } catch (RuntimeException e) {
                            // A failing listener must not stop the tap: the other figures still need its events.
                            System.err.println("[bench] status tap listener failed: " + e);
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
