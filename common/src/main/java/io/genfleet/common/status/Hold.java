package io.genfleet.common.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.genfleet.common.item.ItemKey;
import io.genfleet.common.request.GenerationRequest;
import java.util.List;

/**
 * What a dependent item (a scene's video) waits for, carried by a {@code pending} event instead of a lane request.
 * The aggregator keeps it in the item's state and, once every item it depends on is {@code complete}, publishes the
 * request to the lane topic itself.
 *
 * <p>Two shapes: the submission's hold names the dependencies and the request to release; a re-hold
 * ({@link #again()}, written by retry-failed with the item's next epoch) names neither and means "wait again, for
 * the epoch of this event, for what the submission named".
 *
 * @param dependsOn the item keys waited for, in storyboard order; null on a re-hold
 * @param request   the request to release (epoch 0, no inputs); null on a re-hold
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Hold(List<String> dependsOn, GenerationRequest request) {

    public Hold {
        if ((dependsOn == null) != (request == null)) {
            throw new IllegalArgumentException("a hold names both its dependencies and its request, or neither");
        }
        if (dependsOn != null) {
            if (dependsOn.isEmpty()) {
                throw new IllegalArgumentException("a hold depends on at least one item");
            }
            dependsOn.forEach(ItemKey::parse);
            dependsOn = List.copyOf(dependsOn);
        }
    }

    /** The hold of a submission. */
    public static Hold of(List<String> dependsOn, GenerationRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("a submission's hold carries its request");
        }
        return new Hold(dependsOn, request);
    }

    /** The hold of retry-failed: wait again with the new epoch. */
    public static Hold again() {
        return new Hold(null, null);
    }

    public boolean isAgain() {
        return dependsOn == null;
    }
}
