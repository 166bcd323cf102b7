package io.genfleet.producer.retryfailed;

import io.genfleet.producer.requeue.Requeuer;
import java.util.List;

/**
 * The 202 answer: {@code requeued} items now run again with epoch + 1 (the contract's fields), plus
 * {@code skipped}: failed_permanent items in scope that were not requeued, and why (typically: an earlier call
 * already requeued them).
 *
 * @param requeued how many items were requeued
 * @param items    their keys
 * @param skipped  the items in scope not requeued, with the reason
 */
public record RetryFailedResult(int requeued, List<String> items, List<Requeuer.Skipped> skipped) {

    public RetryFailedResult {
        items = List.copyOf(items);
        skipped = List.copyOf(skipped);
    }
}
