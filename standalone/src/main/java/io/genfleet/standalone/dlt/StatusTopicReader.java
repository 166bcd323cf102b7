package io.genfleet.standalone.dlt;

import io.genfleet.common.json.InvalidMessageException;
import io.genfleet.common.kafka.CommittedReads;
import io.genfleet.common.status.ItemState;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.common.topic.TopicSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The current state of some items, straight from the status topic: every committed event of those items up to
 * the topic's end, merged as the aggregator merges them ({@link ItemState}). For tools that must not depend on
 * the aggregator; it reads the whole topic, so it costs what the topic holds.
 */
public final class StatusTopicReader {

    /** Only the head matters here. */
    private static final int HISTORY = 1;

    private final Map<String, Object> consumerConfig;
    private final TopicSpec<String, StatusEvent> topic;

    public StatusTopicReader(Map<String, Object> consumerConfig, TopicCatalog catalog) {
        this.consumerConfig = CommittedReads.consumerConfig(consumerConfig, "genfleet-replay-status");
        this.topic = catalog.status();
    }

    /** The states of the given item ids ({@code {batchId}/{itemKey}}) that have at least one readable event. */
    public Map<String, ItemState> states(Set<String> itemIds, Duration timeout) {
        Map<String, ItemState> states = new HashMap<>();
        if (itemIds.isEmpty()) {
            return states;
        }
        try (KafkaConsumer<String, byte[]> consumer = CommittedReads.consumer(consumerConfig)) {
            List<TopicPartition> partitions = CommittedReads.partitions(consumer, topic.name(), timeout);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            CommittedReads.readToEnd(consumer, partitions, timeout, record -> {
                if (record.key() == null || !itemIds.contains(record.key())) {
                    return;
                }
                StatusEvent event;
                try {
                    event = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
                } catch (InvalidMessageException | IllegalArgumentException e) {
                    return; // the aggregator dead-letters it too; it never counts
                }
                if (event == null || !record.key().equals(event.itemId().toString())) {
                    return;
                }
                states.compute(record.key(), (key, known) -> known == null ? ItemState.first(event, HISTORY)
                        : known.merge(event, HISTORY));
            });
        }
        return states;
    }
}
