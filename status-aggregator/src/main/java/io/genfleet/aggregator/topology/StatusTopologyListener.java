package io.genfleet.aggregator.topology;

import io.genfleet.common.status.StatusEvent;

/** Told what the topology does with status records, for logs and metrics; called on the stream thread. */
public interface StatusTopologyListener {

    StatusTopologyListener NONE = new StatusTopologyListener() {
    };

    /** A record was sent to the status dead-letter topic. */
    default void unreadable(String topic, int partition, long offset, String reason) {
    }

    /** An event changed its item's state (duplicates and events that add nothing are not reported). */
    default void applied(StatusEvent event) {
    }
}
