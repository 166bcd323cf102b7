package io.genfleet.aggregator.topology;

import io.genfleet.common.status.StatusEvent;

/**
 * The outcome of reading one status record: the event, or the original payload and why it was refused.
 *
 * @param event   the event, or null when the record is unreadable
 * @param raw     the original value bytes (kept for the dead-letter topic)
 * @param failure why the record was refused, or null when readable
 */
record StatusRead(StatusEvent event, byte[] raw, String failure) {

    static StatusRead readable(StatusEvent event) {
        return new StatusRead(event, null, null);
    }

    static StatusRead unreadable(byte[] raw, String failure) {
        return new StatusRead(null, raw, failure);
    }

    boolean isReadable() {
        return event != null;
    }
}
