package io.genfleet.worker.it;

import static org.awaitility.Awaitility.await;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.common.topic.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads the status topic (read_committed) from its beginning and keeps every event, in partition order. */
final class StatusLog implements AutoCloseable {

    private final TopicSpec<String, StatusEvent> topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<StatusEvent> events = new ArrayList<>();

    StatusLog(TopicCatalog catalog) {
        this.topic = catalog.status();
        this.consumer = TestTopics.consumer();
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(topic.name(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Polls until {@code condition} holds for the events read so far. */
    StatusLog awaitUntil(String description, Duration atMost, Predicate<StatusLog> condition) {
        await().alias(description).atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> {
            poll();
            return condition.test(this);
        });
        return this;
    }

    void poll() {
        consumer.poll(Duration.ofMillis(100)).forEach(record ->
                events.add(topic.valueSerde().deserializer().deserialize(record.topic(), record.value())));
    }

    List<StatusEvent> of(ItemId item) {
        return events.stream().filter(event -> event.itemId().equals(item)).toList();
    }

    boolean terminal(ItemId item) {
        return of(item).stream().anyMatch(event -> event.status().isTerminal());
    }

    List<StatusEvent> all() {
        return List.copyOf(events);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
