package io.genfleet.producer.batch;

import io.genfleet.producer.ProducerMetrics;
import io.genfleet.producer.status.BatchDirectory;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Submits a storyboard: validate, claim the batch id, check it is new, expand, write all items in one
 * transaction. Answers only after the commit, so a 202 is never followed by a lost batch.
 *
 * <p><b>The cross-instance race.</b> The aggregator check alone is "ask, then write": two producer replicas
 * that receive the same new batch id at the same moment (or within the aggregator's lag behind the status
 * topic) would both hear 404 and both commit, and every item would be generated twice. So a client-chosen id is
 * also claimed through {@link BatchOwnership} (the claims topic: the first claim in log order wins on every
 * replica) before anything is written; the loser answers 409. The {@link BatchIdGuard} still settles races
 * within one instance without a round trip to Kafka. Generated ids (128 random bits) need neither.
 */
@Service("producerBatchSubmission")
public class BatchSubmission {

    private static final Logger log = LoggerFactory.getLogger(BatchSubmission.class);

    private final BatchRequestValidator validator;
    private final StoryboardExpander expander;
    private final BatchIdGuard guard;
    private final BatchDirectory directory;
    private final BatchWriter writer;
    private final BatchOwnership ownership;
    private final ProducerMetrics metrics;

    public BatchSubmission(BatchRequestValidator validator, StoryboardExpander expander, BatchIdGuard guard,
                           BatchDirectory directory, BatchWriter writer, BatchOwnership ownership,
                           ProducerMetrics metrics) {
        this.ownership = ownership;
        this.validator = validator;
        this.expander = expander;
        this.guard = guard;
        this.directory = directory;
        this.writer = writer;
        this.metrics = metrics;
    }

    public BatchAccepted submit(SubmitBatchRequest request) {
        validator.validate(request);
        boolean generated = request.batchId() == null;
        String batchId = generated ? newBatchId() : request.batchId();
        try (BatchIdGuard.Claim claim = guard.claim(batchId)) {
            // A generated id has 128 random bits: asking would only make submissions depend on the aggregator.
            if (!generated && directory.exists(batchId)) {
                throw new BatchExistsException(batchId, "batch '" + batchId + "' already exists");
            }
            Batch batch = expander.expand(batchId, request);
            if (generated) {
                writer.write(batch);
            } else {
                writeOwned(batch);
            }
            claim.accepted();
            metrics.accepted(batch.items().stream().map(item -> item.id().itemKey().lane()).toList());
            log.info("Batch {} accepted: {} items", batchId, batch.items().size());
            return BatchAccepted.of(batch);
        }
    }

    private void writeOwned(Batch batch) {
        BatchOwnership.Owned owned = ownership.claim(batch.batchId());
        try {
            writer.write(batch);
        } catch (RuntimeException e) {
            if (mayHaveCommitted(e)) {
                // Keep the claim: if the commit went through after all, a retry must not write the batch twice.
                log.warn("Batch {}: the commit may have happened; its id stays claimed until the lease expires",
                        batch.batchId());
            } else {
                ownership.release(owned);
            }
            throw e;
        }
        ownership.fulfilled(owned);
    }

    private static boolean mayHaveCommitted(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BoundedTransactions.TransactionFailedException failed) {
                return failed.mayHaveCommitted();
            }
        }
        return false;
    }

    static String newBatchId() {
        return "b-" + UUID.randomUUID().toString().replace("-", "");
    }
}
