package io.genfleet.producer.batch;

/**
 * One owner per client-chosen batch id across every producer replica: before a batch is written, its id is claimed
 * where every replica sees the same order of claims, and only the first claim may write.
 */
public interface BatchOwnership {

    /**
     * Claims {@code batchId} for this submission.
     *
     * @return the claim, to be {@linkplain #fulfilled fulfilled} after the batch is committed or
     *         {@linkplain #release released} when nothing was written
     * @throws BatchExistsException      when another submission (of any replica) holds or has used the id
     * @throws BatchNotWrittenException  (retryable) when the claim could not be decided
     */
    Owned claim(String batchId);

    /** The batch was committed: the id stays taken for good. Best effort (an unfulfilled claim expires). */
    void fulfilled(Owned owned);

    /** Nothing was written: the id is free again. Best effort (an unreleased claim expires). */
    void release(Owned owned);

    /** A won claim. */
    record Owned(String batchId, String claimId) {
    }

    /** No cross-replica check (tests and single-instance tools). */
    BatchOwnership LOCAL_ONLY = new BatchOwnership() {
        @Override
        public Owned claim(String batchId) {
            return new Owned(batchId, "local");
        }

        @Override
        public void fulfilled(Owned owned) {
        }

        @Override
        public void release(Owned owned) {
        }
    };
}
