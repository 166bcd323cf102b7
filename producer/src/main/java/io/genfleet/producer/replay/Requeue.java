package io.genfleet.producer.replay;

import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.DeadLetterRef;
import java.util.List;

/**
 * One item to requeue: its request for the next epoch, the dead letter it comes from, and the won claims that
 * the requeue transaction marks fulfilled.
 *
 * @param next   the dead letter's request with epoch + 1 ({@link GenerationRequest#nextEpoch})
 * @param from   the dead letter
 * @param claims the claims this requeue holds
 */
public record Requeue(GenerationRequest next, DeadLetterRef from, List<Claim> claims) {

    public Requeue {
        claims = List.copyOf(claims);
    }
}
