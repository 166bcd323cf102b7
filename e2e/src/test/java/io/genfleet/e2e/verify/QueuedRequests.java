package io.genfleet.e2e.verify;

import io.genfleet.common.item.Lane;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.common.topic.TopicSpec;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * How often each item epoch was queued on a lane's request topic (its first attempt; retries go to the delay topics),
 * read_committed: what a dependent item's release looks like from outside. Exactly-once release means one record
 * per item epoch, whatever crashed in between.
 */
public final class QueuedRequests {

    private static final TopicCatalog CATALOG = TopicCatalog.defaults();

    private QueuedRequests() {
    }

    /** Per idempotency key ({@code {batchId}/{itemKey}/{epoch}}) of the given batches: the committed records. */
    public static Map<String, Integer> count(KafkaProbe probe, String bootstrapServers, Lane lane,
                                             Collection<String> batchIds) {
        Set<String> batches = new HashSet<>(batchIds);
        TopicSpec<String, GenerationRequest> topic = CATALOG.requests(lane);
        Map<String, Integer> counts = new HashMap<>();
        try (TopicTail tail = new TopicTail(bootstrapServers)) {
            probe.endOffsets(List.of(topic.name())).forEach((partition, end) -> {
                for (ConsumerRecord<byte[], byte[]> record : tail.read(partition, 0, end)) {
                    GenerationRequest request = readable(topic, record.value());
                    if (request != null && batches.contains(request.itemId().batchId())) {
                        counts.merge(request.idempotencyKey(), 1, Integer::sum);
                    }
                }
            });
        }
        return counts;
    }

    private static GenerationRequest readable(TopicSpec<String, GenerationRequest> topic, byte[] value) {
        try {
            return topic.valueSerde().deserializer().deserialize(topic.name(), value);
        } catch (RuntimeException e) {
            // A poison record of an earlier case is no request of this one.
            return null;
        }
    }
}
