package io.genfleet.producer.requeue;

import java.util.Locale;

/** Who requeues: the {@code source} tag of {@code genfleet.items.requeued} and of claim records. */
public enum RequeueSource {
    /** {@code POST /api/batches/{batchId}/retry-failed}. */
    RETRY_FAILED,
    /** {@code genfleet dlt replay}. */
    DLT_REPLAY,
    /** {@code POST /api/batches} with a client-chosen id: claims of batch ids, never a requeue. */
    BATCH_SUBMIT;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
