package io.genfleet.producer.claim;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.producer.claim.ClaimRecord.Type;
import io.genfleet.producer.requeue.RequeueSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ClaimLedgerTest {

    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Instant T0 = Instant.parse("2025-05-01T10:00:00Z");
    private static final String KEY = "b-1/scene_0/epoch-1";

    private final ClaimLedger ledger = new ClaimLedger(LEASE);

    @Test
    void theFirstClaimInLogOrderWinsAndLaterClaimsLose() {
        ledger.expect(List.of("a", "b", "c"));

        ledger.apply(KEY, claim("a", T0.plusSeconds(2)));
        ledger.apply(KEY, claim("b", T0));
        ledger.apply(KEY, claim("c", T0.plusSeconds(1)));

        // The log order decides, not the claimants' clocks.
        assertThat(ledger.outcome("a")).contains(true);
        assertThat(ledger.outcome("b")).contains(false);
        assertThat(ledger.outcome("c")).contains(false);
    }

    @Test
    void claimsOfDifferentKeysDoNotInterfere() {
        ledger.expect(List.of("a", "b"));

        ledger.apply(KEY, claim("a", T0));
        ledger.apply("dlt:genfleet.image.requests-dlt/0/7", claim("b", T0));

        assertThat(ledger.outcome("a")).contains(true);
        assertThat(ledger.outcome("b")).contains(true);
    }

    @Test
    void aFulfilledClaimHoldsItsKeyForever() {
        ledger.expect(List.of("late"));
        ledger.apply(KEY, claim("a", T0));
        ledger.apply(KEY, record(Type.FULFILLED, "a", T0.plusSeconds(1)));

        ledger.apply(KEY, claim("late", T0.plus(Duration.ofDays(3))));

        assertThat(ledger.outcome("late")).contains(false);
        assertThat(ledger.isHeld(KEY, T0.plus(Duration.ofDays(30)))).isTrue();
    }

    @Test
    void anUnfulfilledClaimIsTakenOverOnlyAfterItsLease() {
        ledger.expect(List.of("within", "after"));
        ledger.apply(KEY, claim("crashed", T0));

        ledger.apply(KEY, claim("within", T0.plus(LEASE)));
        ledger.apply(KEY, claim("after", T0.plus(LEASE).plusMillis(1)));

        assertThat(ledger.outcome("within")).as("exactly at the lease").contains(false);
        assertThat(ledger.outcome("after")).contains(true);
    }

    @Test
    void aReleasedKeyCanBeClaimedAgainButOnlyTheHoldersReleaseCounts() {
        ledger.expect(List.of("b", "c"));
        ledger.apply(KEY, claim("a", T0));
        ledger.apply(KEY, record(Type.RELEASE, "someone-else", T0.plusSeconds(1)));
        ledger.apply(KEY, claim("b", T0.plusSeconds(2)));
        ledger.apply(KEY, record(Type.RELEASE, "a", T0.plusSeconds(3)));
        ledger.apply(KEY, claim("c", T0.plusSeconds(4)));

        assertThat(ledger.outcome("b")).as("a still held the key").contains(false);
        assertThat(ledger.outcome("c")).as("a released it").contains(true);
    }

    @Test
    void aFulfilledClaimCannotBeReleased() {
        ledger.expect(List.of("b"));
        ledger.apply(KEY, claim("a", T0));
        ledger.apply(KEY, record(Type.FULFILLED, "a", T0));
        ledger.apply(KEY, record(Type.RELEASE, "a", T0));

        ledger.apply(KEY, claim("b", T0.plusSeconds(1)));

        assertThat(ledger.outcome("b")).contains(false);
    }

    @Test
    void aFulfilmentWithoutTheKeyIsCountedAsAConflict() {
        ledger.apply(KEY, claim("a", T0));
        ledger.apply(KEY, claim("b", T0.plus(LEASE).plusSeconds(1)));

        ledger.apply(KEY, record(Type.FULFILLED, "a", T0.plus(LEASE).plusSeconds(2)));

        assertThat(ledger.conflicts()).isEqualTo(1);
    }

    @Test
    void outcomesAreKeptOnlyForExpectedClaimsUntilForgotten() {
        ledger.expect(List.of("a"));
        ledger.apply(KEY, claim("a", T0));
        ledger.apply("other", claim("unexpected", T0));

        assertThat(ledger.outcome("unexpected")).isEmpty();
        assertThat(ledger.outcome("a")).contains(true);
        ledger.forget(List.of("a"));
        assertThat(ledger.outcome("a")).isEmpty();
    }

    @Test
    void anUnfulfilledClaimIsHeldUntilItsLeaseEnds() {
        ledger.apply(KEY, claim("a", T0));

        assertThat(ledger.isHeld(KEY, T0.plus(LEASE))).isTrue();
        assertThat(ledger.isHeld(KEY, T0.plus(LEASE).plusMillis(1))).isFalse();
        assertThat(ledger.isHeld("never-claimed", T0)).isFalse();
    }

    static Stream<Long> seeds() {
        return LongStream.rangeClosed(1, 25).boxed();
    }

    /**
     * Property: for any interleaving of the claims of several contenders over several keys (with releases of
     * some winners), every key has at most one holder at a time, each claim's outcome is the same for every
     * reader of the same log (here: a second ledger that reads it later, as a restarted instance would), and a
     * claim wins exactly when nobody held its key at its position in the log.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyReaderOfTheSameLogReachesTheSameVerdicts(long seed) {
        Random random = new Random(seed);
        int contenders = 2 + random.nextInt(4);
        int keys = 1 + random.nextInt(8);
        List<Map.Entry<String, ClaimRecord>> log = new ArrayList<>();
        for (int c = 0; c < contenders; c++) {
            for (int k = 0; k < keys; k++) {
                log.add(Map.entry("key-" + k, claim("c" + c + "-k" + k, T0.plusMillis(random.nextInt(1000)))));
            }
        }
        Collections.shuffle(log, random);
        // Model: the first claim per key holds it; a holder may release it (then the next claim wins) or fulfil it.
        Map<String, String> holder = new HashMap<>();
        Map<String, Boolean> expected = new HashMap<>();
        List<Map.Entry<String, ClaimRecord>> withClosures = new ArrayList<>();
        for (Map.Entry<String, ClaimRecord> entry : log) {
            withClosures.add(entry);
            String key = entry.getKey();
            boolean wins = !holder.containsKey(key);
            expected.put(entry.getValue().claimId(), wins);
            if (wins) {
                holder.put(key, entry.getValue().claimId());
                int closure = random.nextInt(3);
                if (closure == 1) {
                    withClosures.add(Map.entry(key, record(Type.RELEASE, entry.getValue().claimId(), T0)));
                    holder.remove(key);
                } else if (closure == 2) {
                    withClosures.add(Map.entry(key, record(Type.FULFILLED, entry.getValue().claimId(), T0)));
                }
            }
        }

        ClaimLedger first = new ClaimLedger(LEASE);
        ClaimLedger restarted = new ClaimLedger(LEASE);
        first.expect(expected.keySet());
        restarted.expect(expected.keySet());
        withClosures.forEach(entry -> first.apply(entry.getKey(), entry.getValue()));
        withClosures.forEach(entry -> restarted.apply(entry.getKey(), entry.getValue()));

        expected.forEach((claimId, wins) -> {
            assertThat(first.outcome(claimId)).as("claim %s", claimId).contains(wins);
            assertThat(restarted.outcome(claimId)).as("claim %s, restarted reader", claimId).contains(wins);
        });
        assertThat(first.conflicts()).isZero();
    }

    private static ClaimRecord claim(String claimId, Instant at) {
        return record(Type.CLAIM, claimId, at);
    }

    private static ClaimRecord record(Type type, String claimId, Instant at) {
        return ClaimRecord.of(type, claimId, RequeueSource.RETRY_FAILED, at);
    }
}
