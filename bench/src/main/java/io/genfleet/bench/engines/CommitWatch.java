package io.genfleet.bench.engines;

import io.genfleet.bench.fleet.Pause;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a group's committed offsets from the broker (not from the engine's own account) until every record is
 * committed: the end of a pass is when its work is durable, as a new owner of the partitions would see it.
 */
final class CommitWatch implements AutoCloseable {

    /** How often the group's offsets are read: the end of a pass is known this closely. */
    static final Duration INTERVAL = Duration.ofMillis(10);

    private final Admin admin;

    CommitWatch(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /**
     * @param atNanos   {@link System#nanoTime()} when the offsets were first seen complete (or the deadline passed)
     * @param committed records below the committed offsets (at most each partition's end offset)
     */
    record Committed(long atNanos, long committed) {
    }

    /** Waits until {@code group} has committed every partition up to its end offset, or {@code timeout} passes. */
    Committed await(String group, Map<TopicPartition, Long> endOffsets, Duration timeout) {
        long expected = endOffsets.values().stream().mapToLong(Long::longValue).sum();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long committed = committed(group, endOffsets);
            long now = System.nanoTime();
            if (committed >= expected || now > deadline) {
                return new Committed(now, committed);
            }
            Pause.briefly(INTERVAL);
        }
    }

    private long committed(String group, Map<TopicPartition, Long> endOffsets) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            long committed = 0;
            for (Map.Entry<TopicPartition, Long> end : endOffsets.entrySet()) {
                OffsetAndMetadata offset = offsets.get(end.getKey());
                committed += offset == null ? 0 : Math.min(offset.offset(), end.getValue());
            }
            return committed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the committed offsets of " + group, e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
