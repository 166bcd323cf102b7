package io.genfleet.aggregator.streams;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;

/** Changelog records still to restore, over all stores and partitions of this instance. */
final class RestoreProgress implements StateRestoreListener {

    private final Map<String, Long> remaining = new ConcurrentHashMap<>();

    @Override
    public void onRestoreStart(TopicPartition partition, String storeName, long startingOffset, long endingOffset) {
        remaining.put(key(partition, storeName), Math.max(0, endingOffset - startingOffset));
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {
        remaining.computeIfPresent(key(partition, storeName), (key, left) -> Math.max(0, left - numRestored));
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
        remaining.remove(key(partition, storeName));
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String storeName, long totalRestored) {
        remaining.remove(key(partition, storeName));
    }

    long remaining() {
        return remaining.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String key(TopicPartition partition, String storeName) {
        return storeName + "@" + partition;
    }
}
