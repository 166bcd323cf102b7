package io.genfleet.worker.inflight;

import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One assigned partition of a topic loop: the records fetched but not started (waiting for their due time or
 * for a permit, in offset order), the offsets not yet done, and whether the partition is paused. A new
 * instance per assignment, so a record that finishes after its partition was revoked (and perhaps assigned
 * again) is recognised as stale.
 */
final class PartitionWork {

    /**
     * A fetched record that has not started.
     *
     * @param notBeforeMillis when it may start (epoch ms): its due time on a delay topic, 0 otherwise
     */
    record Waiting(ConsumerRecord<byte[], byte[]> record, long notBeforeMillis) {
    }

    final TopicPartition partition;
    final Deque<Waiting> waiting = new ArrayDeque<>();
    final OffsetTracker offsets = new OffsetTracker();
    int inFlight;
    boolean paused;

    PartitionWork(TopicPartition partition) {
        this.partition = partition;
    }
}
