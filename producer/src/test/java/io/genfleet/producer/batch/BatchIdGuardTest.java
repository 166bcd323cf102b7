package io.genfleet.producer.batch;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BatchIdGuardTest {

    private final BatchIdGuard guard = new BatchIdGuard();

    @Test
    void aReleasedClaimThatWasNotAcceptedLeavesTheIdFree() {
        guard.claim("b1").close();

        assertThatCode(() -> guard.claim("b1").close()).doesNotThrowAnyException();
    }

    @Test
    void anAcceptedIdStaysTakenUntilItIsAmongTheOldestBeyondTheLimit() {
        try (BatchIdGuard.Claim claim = guard.claim("first")) {
            claim.accepted();
        }
        assertThatThrownBy(() -> guard.claim("first")).isInstanceOf(BatchExistsException.class);

        for (int i = 0; i < BatchIdGuard.RECENT; i++) {
            try (BatchIdGuard.Claim claim = guard.claim("b" + i)) {
                claim.accepted();
            }
        }

        // By now the aggregator knows "first": the guard need not remember it any more.
        assertThatCode(() -> guard.claim("first").close()).doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.claim("b" + (BatchIdGuard.RECENT - 1))).isInstanceOf(BatchExistsException.class);
    }
}
