package io.genfleet.producer.claim;

import io.genfleet.producer.batch.BatchExistsException;
import io.genfleet.producer.batch.BatchNotWrittenException;
import io.genfleet.producer.batch.BatchOwnership;
import io.genfleet.producer.requeue.RequeueFailedException;
import io.genfleet.producer.requeue.RequeueSource;
import io.genfleet.producer.requeue.RequeueWriter;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BatchOwnership} on the claims topic that retry-failed already uses (see {@link ClaimLedger}): the key
 * {@code batch:{batchId}} is claimed in a committed transaction, the topic is read past the claim, and the first
 * claim of the key in log order wins — the same verdict on every replica. The winner's batch transaction is followed
 * by a {@code fulfilled} record that keeps the id taken for good; a claim whose owner crashed expires after the lease,
 * by which time the aggregator knows any batch that was committed (and the directory check refuses the id).
 */
public final class ClaimedBatchOwnership implements BatchOwnership {

    private static final Logger log = LoggerFactory.getLogger(ClaimedBatchOwnership.class);

    private final Claimer claimer;
    private final RequeueWriter writer;

    public ClaimedBatchOwnership(Claimer claimer, RequeueWriter writer) {
        this.claimer = claimer;
        this.writer = writer;
    }

    static String key(String batchId) {
        return "batch:" + batchId;
    }

    @Override
    public Owned claim(String batchId) {
        Claim claim = new Claim(key(batchId), UUID.randomUUID().toString());
        Set<String> won;
        try {
            won = claimer.claim(List.of(claim), RequeueSource.BATCH_SUBMIT);
        } catch (RequeueFailedException e) {
            throw new BatchNotWrittenException(batchId, true, "the batch id could not be claimed: " + e.getMessage(), e);
        }
        if (!won.contains(claim.claimId())) {
            throw new BatchExistsException(batchId, "batch '" + batchId + "' already exists or is being submitted "
                    + "through another producer instance");
        }
        return new Owned(batchId, claim.claimId());
    }

    @Override
    public void fulfilled(Owned owned) {
        try {
            writer.fulfil(List.of(new Claim(key(owned.batchId()), owned.claimId())), RequeueSource.BATCH_SUBMIT);
        } catch (RuntimeException e) {
            log.warn("Batch {} is committed but its claim could not be marked fulfilled ({}); the claim holds the id "
                    + "until its lease of {} expires, the status service after that", owned.batchId(), e.getMessage(),
                    claimer.log().ledger().lease());
        }
    }

    @Override
    public void release(Owned owned) {
        claimer.release(List.of(new Claim(key(owned.batchId()), owned.claimId())), RequeueSource.BATCH_SUBMIT);
    }
}
