package io.genfleet.producer.retryfailed;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.ItemKey;
import io.genfleet.common.status.ErrorType;
import io.genfleet.producer.requeue.RequeueFailedException;
import io.genfleet.producer.requeue.Requeuer;
import io.genfleet.producer.status.DeadLetterDirectory;
import io.genfleet.producer.status.DeadLetteredItem;
import io.genfleet.producer.status.DirectoryUnavailableException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Retry-failed: every item of the batch that is {@code failed_permanent} NOW (per the aggregator) and in the
 * request's scope is requeued from its dead letter with epoch + 1, attempt 1. An item that ended
 * {@code dependency_failed} (a video whose image failed) has no dead letter: it is held again in epoch + 1 and
 * waits for its images anew; naming an image in {@code items} takes its dependency_failed video along.
 *
 * <p>At most once per epoch: the requeuer claims each item's next epoch first (see
 * {@link io.genfleet.producer.claim.ClaimLedger}). A call right after another one therefore requeues nothing,
 * even while the aggregator still shows the items as failed_permanent, and two concurrent calls (on one producer
 * or on several) split the items between them instead of both requeueing them.
 */
@Service("producerRetryFailed")
public class RetryFailed {

    private final DeadLetterDirectory directory;
    private final Requeuer requeuer;

    public RetryFailed(DeadLetterDirectory directory, Requeuer requeuer) {
        this.directory = directory;
        this.requeuer = requeuer;
    }

    /** The items that may wait for the wanted ones (a scene's video for its images). */
    private static Set<String> dependentsOf(Set<String> wanted) {
        Set<String> dependents = new HashSet<>();
        if (wanted != null) {
            for (String key : wanted) {
                try {
                    ItemKey.parse(key).possibleDependent().ifPresent(video -> dependents.add(video.toString()));
                } catch (IllegalArgumentException notAnItemKey) {
                    // reported below as "not an item of the batch"
                }
            }
        }
        return dependents;
    }

    public RetryFailedResult retry(String batchId, RetryFailedRequest request) {
        if (!ItemId.isValidBatchId(batchId)) {
            throw new InvalidRetryFailedRequestException("batchId", ItemId.BATCH_ID_RULE);
        }
        List<DeadLetteredItem> failed;
        try {
            failed = directory.deadLettered(batchId).orElseThrow(() -> new UnknownBatchException(batchId));
        } catch (DirectoryUnavailableException e) {
            throw new RetryUnavailableException(false, "cannot tell which items are failed_permanent ("
                    + e.getMessage() + "); nothing was requeued", e);
        }
        Set<String> errorTypes = request.errorTypes() == null ? null : new HashSet<>(request.errorTypes());
        Set<String> wanted = request.items() == null ? null : new LinkedHashSet<>(request.items());
        Set<String> dependentsOfWanted = dependentsOf(wanted);
        List<Requeuer.Candidate> candidates = new ArrayList<>();
        List<Requeuer.Skipped> skipped = new ArrayList<>();
        for (DeadLetteredItem item : failed) {
            boolean dependencyFailed = item.lastError() != null
                    && item.lastError().type() == ErrorType.DEPENDENCY_FAILED;
            // Retrying an image also retries the video that failed because of it: it waits again for the image.
            boolean dependentOfWanted = dependencyFailed && dependentsOfWanted.contains(item.itemKey());
            if (wanted != null && !wanted.contains(item.itemKey()) && !dependentOfWanted) {
                continue;
            }
            if (errorTypes != null && !dependentOfWanted && (item.lastError() == null
                    || !errorTypes.contains(item.lastError().type().wireName()))) {
                continue;
            }
            if (dependencyFailed) {
                candidates.add(Requeuer.Candidate.held(ItemId.of(batchId, item.itemKey()), item.epoch(),
                        item.attempt()));
                continue;
            }
            if (item.deadLetter() == null) {
                skipped.add(new Requeuer.Skipped(item.itemKey(), "its failure carries no dead-letter reference"));
                continue;
            }
            candidates.add(new Requeuer.Candidate(ItemId.of(batchId, item.itemKey()), item.epoch(), item.attempt(),
                    item.deadLetter()));
        }
        if (wanted != null) {
            Set<String> failedKeys = new HashSet<>();
            failed.forEach(item -> failedKeys.add(item.itemKey()));
            for (String key : wanted) {
                if (!failedKeys.contains(key)) {
                    skipped.add(new Requeuer.Skipped(key, "not failed_permanent (or not an item of the batch)"));
                }
            }
        }
        Requeuer.Outcome outcome;
        try {
            outcome = candidates.isEmpty() ? new Requeuer.Outcome("", List.of(), List.of())
                    : requeuer.requeue(candidates);
        } catch (RequeueFailedException e) {
            String detail = e.mayHaveCommitted()
                    ? "; the requeue may have been committed: a repeated call requeues whatever it did not"
                    : "; nothing was requeued";
            throw new RetryUnavailableException(true, e.getMessage() + detail, e);
        }
        skipped.addAll(outcome.skipped());
        List<String> keys = outcome.requeued().stream().map(id -> id.itemKey().toString()).toList();
        return new RetryFailedResult(keys.size(), keys, skipped);
    }
}
