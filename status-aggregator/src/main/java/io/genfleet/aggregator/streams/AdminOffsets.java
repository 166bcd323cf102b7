package io.genfleet.aggregator.streams;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** The {@link CatchUpGate}'s offsets, from an admin client: read_committed end offsets and the group's commits. */
final class AdminOffsets implements CatchUpGate.Offsets {

    private static final long TIMEOUT_MS = 5_000;

    private final Admin admin;
    private final String groupId;

    AdminOffsets(Admin admin, String groupId) {
        this.admin = admin;
        this.groupId = groupId;
    }

    @Override
    public Map<TopicPartition, Long> ends(Set<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        // The last stable offset: what a read_committed consumer (this application) can reach.
        admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    @Override
    public Map<TopicPartition, Long> committed() throws Exception {
        Map<TopicPartition, Long> committed = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        offsets.forEach((partition, offset) -> {
            if (offset != null) {
                committed.put(partition, offset.offset());
            }
        });
        return committed;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
