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
 * <p><b>The cross-instance race.</b> The id check is "ask the aggregator, then write": two producer
 * replicas that receive the same new batch id at the same moment (or within the aggregator's lag
 * behind the status topic) both hear 404 and both commit. The {@link BatchIdGuard} only closes that
 * window within one instance. The outcome is the same items written twice: the aggregate does not
 * double-count (items are keyed and their state merges monotonically), but workers generate each item
 * twice, and two different storyboards under one id would mix their items. Closing it needs a single
 * owner per batch id, e.g. routing submissions by id, or a conditional write (a compacted "batch
 * claims" topic read back before the commit, or a store with compare-and-set). Clients that let the
 * producer generate the id are not exposed to it.
 */
@Service("producerBatchSubmission")
public class BatchSubmission {

    private static final Logger log = LoggerFactory.getLogger(BatchSubmission.class);

    private final BatchRequestValidator validator;
    private final StoryboardExpander expander;
    private final BatchIdGuard guard;
    private final BatchDirectory directory;
    private final BatchWriter writer;
    private final ProducerMetrics metrics;

    public BatchSubmission(BatchRequestValidator validator, StoryboardExpander expander, BatchIdGuard guard,
                           BatchDirectory directory, BatchWriter writer, ProducerMetrics metrics) {
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
            writer.write(batch);
            claim.accepted();
            metrics.accepted(batch.items().stream().map(item -> item.id().itemKey().lane()).toList());
            log.info("Batch {} accepted: {} items", batchId, batch.items().size());
            return BatchAccepted.of(batch);
        }
    }

    static String newBatchId() {
        return "b-" + UUID.randomUUID().toString().replace("-", "");
    }
}
