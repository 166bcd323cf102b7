package io.genfleet.e2e.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class InFlightTest {

    private static CallLog.CallKey call(String item, int attempt) {
        return new CallLog.CallKey("b-1/" + item + "/0", attempt);
    }

    @Test
    void aRepeatedFailureCarriesItsItemsNextAttemptsButNothingElse() {
        Set<CallLog.CallKey> inFlight = Set.of(call("scene_0", 1), call("scene_1", 2));
        Set<CallLog.CallKey> repeated = Set.of(call("scene_0", 1), call("scene_0", 2), call("scene_0", 3),
                call("scene_1", 3), call("scene_2", 2), call("scene_3", 1), call("scene_1", 1));

        // Expected: scene_0 attempts 2 and 3 and scene_1 attempt 3 follow an in-flight call; scene_2 attempt 2 (no
        // repeated attempt 1), scene_3 and scene_1 attempt 1 (before the in-flight one) do not.
        assertThat(InFlight.retryChainsOf(inFlight, repeated))
                .containsExactlyInAnyOrder(call("scene_0", 2), call("scene_0", 3), call("scene_1", 3));
    }

    @Test
    void nothingChainsWithoutInFlightCalls() {
        assertThat(InFlight.retryChainsOf(Set.of(), Set.of(call("scene_0", 2)))).isEmpty();
    }
}
