package io.genfleet.aggregator.topology;

import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.BatchSummary;
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

    /**
     * A batch turned done: its last non-terminal item became terminal. Once per transition (again after a
     * requeue reopened it); not on restore, and possibly again when a failed transaction is reprocessed.
     */
    default void batchCompleted(BatchSummary summary) {
    }

    /** A held item's request was released to its lane (once per epoch, unless a failed transaction is redone). */
    default void released(GenerationRequest request) {
    }

    /** A done batch passed its retention: its summary and {@code items} items were deleted from the stores. */
    default void batchExpired(String batchId, int items) {
    }
}
