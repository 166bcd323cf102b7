package io.genfleet.producer.requeue;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.DeadLetterRef;
import io.genfleet.producer.claim.Claim;
import java.util.List;

/**
 * One item to requeue: its request for the next epoch, the dead letter it comes from, and the won claims that
 * the requeue transaction marks fulfilled. An item that ended {@code dependency_failed} has no dead letter and no
 * request of its own (the aggregator holds it): it is "held again" in the next epoch instead.
 *
 * @param item   the item
 * @param epoch  the new epoch
 * @param next   the dead letter's request with epoch + 1 ({@link GenerationRequest#nextEpoch}); null when held again
 * @param from   the dead letter; null when held again
 * @param claims the claims this requeue holds
 */
public record Requeue(ItemId item, int epoch, GenerationRequest next, DeadLetterRef from, List<Claim> claims) {

    public Requeue {
        claims = List.copyOf(claims);
    }

    /** The requeue of a dead letter. */
    public Requeue(GenerationRequest next, DeadLetterRef from, List<Claim> claims) {
        this(next.itemId(), next.epoch(), next, from, claims);
    }

    /** A dependency_failed item that waits again, in {@code epoch}, for what it depends on. */
    public static Requeue heldAgain(ItemId item, int epoch, List<Claim> claims) {
        return new Requeue(item, epoch, null, null, claims);
    }

    public boolean isHeldAgain() {
        return next == null;
    }
}
