package io.genfleet.aggregator.topology;

import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.StatusEvent;

/** Told what the topology does with status records, for logs and metrics; called on the stream thread. */
public interface StatusTopologyListener {

    StatusTopologyListener NONE = new StatusTopologyListener() {
    };

    /** Tells each of {@code listeners}, in order, everything (the topology takes one listener). */
    static StatusTopologyListener all(StatusTopologyListener... listeners) {
        StatusTopologyListener[] each = listeners.clone();
        return new StatusTopologyListener() {
            @Override
            public void unreadable(String topic, int partition, long offset, String reason) {
                for (StatusTopologyListener listener : each) {
                    listener.unreadable(topic, partition, offset, reason);
                }
            }

            @Override
            public void applied(StatusEvent event) {
                for (StatusTopologyListener listener : each) {
                    listener.applied(event);
                }
            }

            @Override
            public void batchCompleted(BatchSummary summary) {
                for (StatusTopologyListener listener : each) {
                    listener.batchCompleted(summary);
                }
            }

            @Override
            public void released(GenerationRequest request) {
                for (StatusTopologyListener listener : each) {
                    listener.released(request);
                }
            }

            @Override
            public void batchExpired(String batchId, int items) {
                for (StatusTopologyListener listener : each) {
                    listener.batchExpired(batchId, items);
                }
            }
        };
    }

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
