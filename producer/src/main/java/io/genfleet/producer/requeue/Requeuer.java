package io.genfleet.producer.requeue;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.status.DeadLetterRef;
import io.genfleet.common.topic.ChainHeaders;
import java.util.List;

/** Requeues failed_permanent items from their dead letters, each with epoch + 1, at most once per epoch. */
public interface Requeuer {

    /**
     * @param candidates items that are failed_permanent now, as far as the caller knows
     * @throws RequeueFailedException when Kafka did not take the claims or the requeue
     */
    Outcome requeue(List<Candidate> candidates);

    /**
     * @param item       the item
     * @param epoch      the epoch that failed
     * @param attempt    the attempt that failed last (used when the dead letter lacks the attempts header)
     * @param deadLetter where the epoch's dead letter lies; null for an item that ended {@code dependency_failed}
     *                   (it never reached a lane): it is held again in the next epoch
     */
    record Candidate(ItemId item, int epoch, int attempt, DeadLetterRef deadLetter) {

        /** A dependency_failed item: no dead letter, held again by the aggregator in the next epoch. */
        public static Candidate held(ItemId item, int epoch, int attempt) {
            return new Candidate(item, epoch, attempt, null);
        }

        public boolean isHeld() {
            return deadLetter == null;
        }
    }

    /** An item that was not requeued, and why. */
    record Skipped(String itemKey, String reason) {
    }

    /**
     * @param replayId the id carried by every requeued request ({@value ChainHeaders#REPLAY_ID})
     * @param requeued the items requeued, in the candidates' order
     * @param skipped  the candidates not requeued
     */
    record Outcome(String replayId, List<ItemId> requeued, List<Skipped> skipped) {

        public Outcome {
            requeued = List.copyOf(requeued);
            skipped = List.copyOf(skipped);
        }
    }
}
