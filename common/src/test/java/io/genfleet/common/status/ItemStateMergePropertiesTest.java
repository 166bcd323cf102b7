package io.genfleet.common.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.item.ItemId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The merge is a function of the set of events: order and repetition never matter. Property-style:
 * each case is a random item life drawn from a fixed seed (reproducible), then scrambled.
 */
class ItemStateMergePropertiesTest {

    private static final ItemId ID = ItemId.of("b1", "scene_0_shot_1");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void anyPermutationOrDuplicationYieldsTheSameState(long seed) {
        Random random = new Random(seed);
        List<StatusEvent> events = randomLife(random);
        int duplicates = random.nextInt(6);
        ItemState inOrder = mergeAll(events, 50);

        List<StatusEvent> scrambled = new ArrayList<>(events);
        for (int i = 0; i < duplicates; i++) {
            scrambled.add(events.get(random.nextInt(events.size())));
        }
        Collections.shuffle(scrambled, random);

        assertThat(mergeAll(scrambled, 50)).isEqualTo(inOrder);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void boundedHistoryIsAlsoOrderIndependent(long seed) {
        Random random = new Random(seed);
        List<StatusEvent> events = randomLife(random);
        List<StatusEvent> scrambled = new ArrayList<>(events);
        Collections.shuffle(scrambled, random);
        ItemState state = mergeAll(scrambled, 3);
        assertThat(state).isEqualTo(mergeAll(events, 3));
        assertThat(state.history()).hasSizeLessThanOrEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void theHeadIsTheHighestOrderedEvent(long seed) {
        List<StatusEvent> events = randomLife(new Random(seed));
        StatusEvent highest = Collections.max(events, (a, b) -> a.order().compareTo(b.order()));
        ItemState state = mergeAll(events, 50);
        assertThat(state.status()).isEqualTo(highest.status());
        assertThat(state.epoch()).isEqualTo(highest.epoch());
        assertThat(state.attempt()).isEqualTo(highest.attempt());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aDuplicateReturnsTheSameInstance(long seed) {
        List<StatusEvent> events = randomLife(new Random(seed));
        ItemState state = mergeAll(events, 50);
        for (StatusEvent event : events) {
            assertThat(state.merge(event, 50)).isSameAs(state);
        }
    }

    private static ItemState mergeAll(List<StatusEvent> events, int historyLimit) {
        ItemState state = null;
        for (StatusEvent event : events) {
            state = state == null ? ItemState.first(event, historyLimit) : state.merge(event, historyLimit);
        }
        return state;
    }

    /** A realistic life: epochs of pending, then attempts of generating → failed, ending in a terminal status. */
    private static List<StatusEvent> randomLife(Random random) {
        List<Integer> attemptsPerEpoch = new ArrayList<>();
        int epochs = 1 + random.nextInt(3);
        for (int i = 0; i < epochs; i++) {
            attemptsPerEpoch.add(1 + random.nextInt(4));
        }
        return life(attemptsPerEpoch, random.nextBoolean() ? ItemStatus.COMPLETE : ItemStatus.FAILED_PERMANENT);
    }

    private static List<StatusEvent> life(List<Integer> attemptsPerEpoch, ItemStatus lastOutcome) {
        List<StatusEvent> events = new ArrayList<>();
        Instant at = T0;
        for (int epoch = 0; epoch < attemptsPerEpoch.size(); epoch++) {
            boolean lastEpoch = epoch == attemptsPerEpoch.size() - 1;
            events.add(StatusEvent.pending(ID, epoch, at = at.plusMillis(10)));
            int attempts = attemptsPerEpoch.get(epoch);
            for (int attempt = 1; attempt <= attempts; attempt++) {
                events.add(StatusEvent.generating(ID, epoch, attempt, at = at.plusMillis(10)));
                ItemError error = new ItemError(ErrorType.TRANSIENT, "boom " + epoch + "/" + attempt);
                if (attempt < attempts) {
                    events.add(StatusEvent.failed(ID, epoch, attempt, at = at.plusMillis(10), error, at.plusSeconds(2)));
                } else if (lastEpoch && lastOutcome == ItemStatus.COMPLETE) {
                    events.add(StatusEvent.complete(ID, epoch, attempt, at = at.plusMillis(10), "sim://x"));
                } else {
                    events.add(StatusEvent.failedPermanent(ID, epoch, attempt, at = at.plusMillis(10), error));
                }
            }
        }
        return events;
    }
}
