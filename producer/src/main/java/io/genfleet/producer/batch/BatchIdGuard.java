package io.genfleet.producer.batch;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Batch ids this instance is writing or has recently accepted, so that two requests for the same id
 * in ONE producer can never both pass, even before the status aggregator has seen the first one.
 *
 * <p>The window this closes: the aggregator learns of a batch only after its Streams application has
 * read the batch's {@code pending} events (usually well under a second, longer during a rebalance).
 * Until then the directory answers 404 for an accepted batch; the last {@value #RECENT} accepted ids
 * are therefore remembered here.
 *
 * <p>What it does NOT close: two producer replicas taking the same new id at the same moment (or
 * within that window) both pass and both write. See {@link BatchSubmission} for the consequence.
 */
@Component("producerBatchIdGuard")
public class BatchIdGuard {

    static final int RECENT = 10_000;

    private final Set<String> inFlight = new HashSet<>();
    private final LinkedHashSet<String> accepted = new LinkedHashSet<>();

    /** Claims the id for one submission, or throws {@link BatchExistsException} when it is taken here. */
    public synchronized Claim claim(String batchId) {
        if (accepted.contains(batchId)) {
            throw new BatchExistsException(batchId, "batch '" + batchId + "' already exists");
        }
        if (!inFlight.add(batchId)) {
            throw new BatchExistsException(batchId, "batch '" + batchId + "' is being submitted by another request");
        }
        return new Claim(batchId);
    }

    private synchronized void release(String batchId, boolean wasAccepted) {
        inFlight.remove(batchId);
        if (wasAccepted) {
            accepted.add(batchId);
            if (accepted.size() > RECENT) {
                accepted.remove(accepted.iterator().next());
            }
        }
    }

    /** A claimed id: {@link #accepted()} once its batch is committed; {@link #close()} releases it either way. */
    public final class Claim implements AutoCloseable {

        private final String batchId;
        private boolean accepted;

        private Claim(String batchId) {
            this.batchId = batchId;
        }

        public void accepted() {
            accepted = true;
        }

        @Override
        public void close() {
            release(batchId, accepted);
        }
    }
}
