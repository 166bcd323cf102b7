package io.genfleet.e2e.verify;

import io.genfleet.common.json.InvalidMessageException;
import io.genfleet.common.status.ItemState;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.common.topic.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verifier's own reading of the status topic, independent of the aggregator: every event since the start,
 * read_committed, merged per item with the contract's monotonic merge ({@link ItemState#merge}). It runs in the
 * background for the whole battery and rides out broker restarts like any client.
 */
public final class StatusView implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatusView.class);
    private static final int HISTORY_LIMIT = 50;

    private final TopicSpec<String, StatusEvent> topic = TopicCatalog.defaults().status();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, ItemState> items = new HashMap<>();
    private final Map<String, byte[]> lastRaw = new HashMap<>();
    private long events;
    private long unreadable;

    public StatusView(String bootstrapServers, int partitions) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // What the aggregator reads too: never items of an aborted batch.
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "e2e-status-view");
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> assigned = new ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            assigned.add(new TopicPartition(topic.name(), partition));
        }
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        this.thread = new Thread(this::run, "e2e-status-view");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("The status view stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        StatusEvent event;
        try {
            event = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
        } catch (InvalidMessageException e) {
            synchronized (this) {
                unreadable++;
            }
            return;
        }
        if (event == null || !event.itemId().toString().equals(record.key())) {
            synchronized (this) {
                unreadable++;
            }
            return;
        }
        String id = record.key();
        synchronized (this) {
            events++;
            ItemState state = items.get(id);
            items.put(id, state == null ? ItemState.first(event, HISTORY_LIMIT) : state.merge(event, HISTORY_LIMIT));
            lastRaw.put(id, record.value());
        }
    }

    public synchronized Optional<ItemState> item(String itemId) {
        return Optional.ofNullable(items.get(itemId));
    }

    /** The raw value of the last event read for an item (to publish it again). */
    public synchronized Optional<byte[]> lastRaw(String itemId) {
        return Optional.ofNullable(lastRaw.get(itemId));
    }

    /** How many of {@code itemIds} are terminal. */
    public synchronized int terminal(Collection<String> itemIds) {
        int count = 0;
        for (String id : itemIds) {
            ItemState state = items.get(id);
            if (state != null && state.status().isTerminal()) {
                count++;
            }
        }
        return count;
    }

    public synchronized Map<String, ItemState> snapshot(Collection<String> itemIds) {
        Map<String, ItemState> states = new HashMap<>();
        for (String id : itemIds) {
            ItemState state = items.get(id);
            if (state != null) {
                states.put(id, state);
            }
        }
        return states;
    }

    public synchronized long events() {
        return events;
    }

    public synchronized long unreadable() {
        return unreadable;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        consumer.wakeup();
        thread.join(5_000);
    }
}
