package io.genfleet.common.status;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Where a status event goes: every event of a batch on ONE partition of the status topic, the one Kafka's default
 * partitioner picks for the batch id as a key. So one aggregator task holds a batch's items and its summary and
 * updates both in one step, with no repartition topic in between; and the summary store (keyed by batch id) is
 * partitioned the way Kafka Streams expects. The record key stays {@code {batchId}/{itemKey}}.
 *
 * <p>Every writer of the status topic must use it (the producer, the worker, requeues and replays do); events
 * of one batch spread over several partitions would be summed by several tasks.
 */
public final class StatusPartitioning {

    private StatusPartitioning() {
    }

    /** The partition of every status event of {@code batchId}. */
    public static int partitionOf(String batchId, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic has at least one partition, was " + partitions);
        }
        return Utils.toPositive(Utils.murmur2(batchId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The partition of a status record keyed {@code {batchId}/{itemKey}}, or of a store key that is a batch id. */
    public static int partitionOfKey(String key, int partitions) {
        int slash = key.indexOf('/');
        return partitionOf(slash < 0 ? key : key.substring(0, slash), partitions);
    }
}
