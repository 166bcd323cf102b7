package io.genfleet.bench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.status.ItemError;
import io.genfleet.common.status.StatusEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryLatenessTest {

    private static final List<Duration> DELAYS = List.of(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final ItemError ERROR = new ItemError(ErrorType.TRANSIENT, "x");

    private static StatusEvent generating(ItemId id, int attempt, long atMs) {
        return StatusEvent.generating(id, 0, attempt, T0.plusMillis(atMs));
    }

    private static StatusEvent failed(ItemId id, int attempt, long atMs, long delayMs) {
        return StatusEvent.failed(id, 0, attempt, T0.plusMillis(atMs), ERROR, T0.plusMillis(atMs + delayMs));
    }

    @Test
    void latenessIsTheNextAttemptsStartMinusTheAnnouncedDueTimePerTier() {
        ItemId a = ItemId.of("b", "scene_0");
        List<StatusEvent> events = List.of(generating(a, 1, 0), failed(a, 1, 10, 2000),
                generating(a, 2, 2017), failed(a, 2, 2020, 4000),
                generating(a, 3, 6025), StatusEvent.complete(a, 0, 3, T0.plusMillis(6030), "sim://x"));
        RetryLateness lateness = RetryLateness.of(List.of(events), DELAYS);
        assertThat(lateness.latenessMsByTier().get(2000L)).containsExactly(7L);
        assertThat(lateness.latenessMsByTier().get(4000L)).containsExactly(5L);
        assertThat(lateness.latenessMsByTier().get(8000L)).isEmpty();
        assertThat(lateness.early()).isZero();
        assertThat(lateness.missingNextAttempt()).isZero();
    }

    @Test
    void aRetryBeforeItsDueTimeIsCountedEarlyAndAMissingOneIsReported() {
        ItemId a = ItemId.of("b", "scene_0");
        ItemId b = ItemId.of("b", "scene_1");
        RetryLateness lateness = RetryLateness.of(List.of(
                List.of(generating(a, 1, 0), failed(a, 1, 0, 2000), generating(a, 2, 1990)),
                List.of(generating(b, 1, 0), failed(b, 1, 0, 2000))), DELAYS);
        assertThat(lateness.early()).isEqualTo(1);
        assertThat(lateness.latenessMsByTier().get(2000L)).containsExactly(-10L);
        assertThat(lateness.missingNextAttempt()).isEqualTo(1);
    }

    @Test
    void theTimelineCountsOverlappingAttemptsAndCompletedItemsPerSecond() {
        ItemId a = ItemId.of("b", "scene_0");
        ItemId b = ItemId.of("b", "scene_1");
        ItemId c = ItemId.of("b", "scene_2");
        WorkerTimeline timeline = WorkerTimeline.of(List.of(
                List.of(generating(a, 1, 0), StatusEvent.complete(a, 0, 1, T0.plusMillis(200), "sim://a")),
                List.of(generating(b, 1, 100), StatusEvent.complete(b, 0, 1, T0.plusMillis(300), "sim://b")),
                // c starts exactly when a ends: not overlapping a.
                List.of(generating(c, 1, 200), StatusEvent.complete(c, 0, 1, T0.plusMillis(400), "sim://c"))));
        assertThat(timeline.peakInFlight()).isEqualTo(2);
        assertThat(timeline.completed()).isEqualTo(3);
        assertThat(timeline.itemsPerSecond()).isEqualTo(3 / 0.4);
    }
}
