package io.genfleet.common.status;

/**
 * Where an item's dead-letter record lies, carried by its {@code failed_permanent} event so that a
 * manual retry can fetch the original request directly instead of scanning the dead-letter topic.
 */
public record DeadLetterRef(String topic, int partition, long offset) {

    public DeadLetterRef {
        if (topic == null || topic.isBlank() || partition < 0 || offset < 0) {
            throw new IllegalArgumentException("invalid dead-letter reference " + topic + "/" + partition + "/" + offset);
        }
    }

    @Override
    public String toString() {
        return topic + "/" + partition + "/" + offset;
    }
}
