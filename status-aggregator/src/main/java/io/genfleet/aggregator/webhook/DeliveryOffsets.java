package io.genfleet.aggregator.webhook;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets of the webhooks topic may be committed: per partition, up to (not including) the oldest delivery that
 * has not ended. Deliveries end in any order (a dead receiver is retried for the whole window while the next records
 * are delivered), but an offset is committed only when every delivery before it has ended, so a crash never skips
 * an event. Used by the polling thread only.
 */
final class DeliveryOffsets {

    /** Per partition: started offsets, true once the delivery ended. */
    private final Map<TopicPartition, TreeMap<Long, Boolean>> started = new HashMap<>();

    void started(TopicPartition partition, long offset) {
        started.computeIfAbsent(partition, p -> new TreeMap<>()).put(offset, false);
    }

    /** A delivery ended (delivered or dead-lettered); ignored when its partition was revoked in the meantime. */
    void ended(TopicPartition partition, long offset) {
        TreeMap<Long, Boolean> offsets = started.get(partition);
        if (offsets != null && offsets.containsKey(offset)) {
            offsets.put(offset, true);
        }
    }

    /** The offsets to commit now (next offset to read per partition), forgetting the ended prefix. */
    Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        started.forEach((partition, offsets) -> {
            Long next = null;
            while (!offsets.isEmpty() && offsets.firstEntry().getValue()) {
                next = offsets.pollFirstEntry().getKey() + 1;
            }
            if (next != null) {
                commits.put(partition, new OffsetAndMetadata(next));
            }
        });
        return commits;
    }

    int inFlight() {
        return started.values().stream().mapToInt(offsets -> (int) offsets.values().stream().filter(e -> !e).count())
                .sum();
    }

    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(started::remove);
    }
}
