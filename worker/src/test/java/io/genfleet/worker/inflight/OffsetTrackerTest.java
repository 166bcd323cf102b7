package io.genfleet.worker.inflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OffsetTrackerTest {

    @Test
    void nothingToCommitBeforeTheFirstFetch() {
        assertThat(new OffsetTracker().committable()).isEmpty();
    }

    @Test
    void theCommitStopsAtTheFirstRecordNotDone() {
        OffsetTracker tracker = new OffsetTracker();
        LongStream.range(10, 15).forEach(tracker::fetched);
        tracker.done(11);
        tracker.done(12);
        assertThat(tracker.committable()).hasValue(10);
        tracker.done(10);
        assertThat(tracker.committable()).hasValue(13);
        tracker.done(14);
        tracker.done(13);
        assertThat(tracker.committable()).as("all done: the next offset to read").hasValue(15);
    }

    @Test
    void uncommittedOnlyWhenThePositionMovedPastTheLastCommit() {
        OffsetTracker tracker = new OffsetTracker();
        tracker.fetched(0);
        tracker.done(0);
        assertThat(tracker.uncommitted()).hasValue(1);
        tracker.committed(1);
        assertThat(tracker.uncommitted()).isEmpty();
        tracker.fetched(1);
        assertThat(tracker.uncommitted()).isEmpty();
        tracker.done(1);
        assertThat(tracker.uncommitted()).hasValue(2);
    }

    @Test
    void offsetsMustBeFetchedInOrder() {
        OffsetTracker tracker = new OffsetTracker();
        tracker.fetched(5);
        assertThatThrownBy(() -> tracker.fetched(4)).isInstanceOf(IllegalStateException.class);
    }

    static Stream<Long> seeds() {
        return LongStream.rangeClosed(1, 25).boxed();
    }

    /**
     * Fetches offsets with gaps (transaction markers, compacted records), finishes them in a random order and
     * checks after every step that the committable offset is exactly the first unfinished one.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void committableIsAlwaysTheFirstUnfinishedOffset(long seed) {
        Random random = new Random(seed);
        OffsetTracker tracker = new OffsetTracker();
        TreeSet<Long> unfinished = new TreeSet<>();
        List<Long> fetched = new ArrayList<>();
        long offset = random.nextInt(1000);
        for (int i = 0; i < 200; i++) {
            tracker.fetched(offset);
            fetched.add(offset);
            unfinished.add(offset);
            offset += 1 + (random.nextInt(5) == 0 ? random.nextInt(3) : 0);
        }
        long next = fetched.get(fetched.size() - 1) + 1;
        Collections.shuffle(fetched, random);
        for (long done : fetched) {
            tracker.done(done);
            unfinished.remove(done);
            long expected = unfinished.isEmpty() ? next : unfinished.first();
            assertThat(tracker.committable()).hasValue(expected);
            assertThat(tracker.outstanding()).isEqualTo(unfinished.size());
        }
    }

    @Test
    void theMetadataNamesTheRecordsDoneAboveThePositionAndAChangeOfItIsWorthACommit() {
        OffsetTracker tracker = new OffsetTracker();
        LongStream.range(0, 5).forEach(tracker::fetched);
        assertThat(tracker.metadata()).isEmpty();
        tracker.done(3);
        assertThat(tracker.uncommitted()).as("the position did not move, but 3 is now done").hasValue(0);
        assertThat(CompletedOffsets.decode(0, tracker.metadata())).containsExactly(3L);
        tracker.committed(0, tracker.metadata());
        assertThat(tracker.uncommitted()).isEmpty();
        tracker.done(0);
        tracker.done(1);
        assertThat(tracker.committable()).hasValue(2);
        assertThat(CompletedOffsets.decode(2, tracker.metadata())).containsExactly(3L);
    }

    @Test
    void aRestoredTrackerReportsWhatThePreviousOwnerFinishedOnce() {
        OffsetTracker tracker = new OffsetTracker();
        tracker.restore(10, CompletedOffsets.encode(10, java.util.List.of(12L)));
        assertThat(tracker.skipAsDoneBefore(10)).isFalse();
        tracker.fetched(10);
        tracker.fetched(11);
        assertThat(tracker.skipAsDoneBefore(12)).isTrue();
        assertThat(tracker.skipAsDoneBefore(12)).as("once").isFalse();
        tracker.done(10);
        tracker.done(11);
        assertThat(tracker.committable()).hasValue(13);
    }

    @Test
    void aFailedCommitIsDueAgainUnlessALaterOneSucceeded() {
        OffsetTracker tracker = new OffsetTracker();
        tracker.fetched(0);
        tracker.done(0);
        tracker.committed(1, "");
        assertThat(tracker.uncommitted()).isEmpty();

        tracker.commitFailed(1);
        assertThat(tracker.uncommitted()).as("the last record's commit failed: nothing else would repeat it").hasValue(1);

        tracker.committed(1, "");
        tracker.fetched(1);
        tracker.done(1);
        tracker.committed(2, "");
        tracker.commitFailed(1);
        assertThat(tracker.uncommitted()).as("a later commit went through").isEmpty();
    }
}
