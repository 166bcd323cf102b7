package io.genfleet.aggregator.topology;

/** Told about every status record sent to the dead-letter topic (for logs and metrics). */
@FunctionalInterface
public interface UnreadableStatusListener {

    UnreadableStatusListener NONE = (topic, partition, offset, reason) -> { };

    void unreadable(String topic, int partition, long offset, String reason);
}
