package io.genfleet.aggregator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.Lane;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.status.ItemError;
import io.genfleet.common.status.StatusEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LaneRatesTest {

    private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        private Instant now = START;

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final HandClock clock = new HandClock();
    private final LaneRates rates = new LaneRates(clock);

    private static StatusEvent complete(String itemKey, Instant at) {
        return StatusEvent.complete(ItemId.of("b1", itemKey), 0, 1, at, "file:///r.png");
    }

    private static StatusEvent failedPermanent(String itemKey, Instant at) {
        return StatusEvent.failedPermanent(ItemId.of("b1", itemKey), 0, 3, at, new ItemError(ErrorType.PERMANENT, "no"));
    }

    @Test
    void countsCompletionsAndPermanentFailuresPerLaneOverFiveMinutes() {
        for (int i = 0; i < 10; i++) {
            rates.applied(complete("scene_" + i, clock.instant()));
        }
        rates.applied(failedPermanent("scene_10", clock.instant()));
        rates.applied(complete("video_scene_0", clock.instant()));
        rates.applied(failedPermanent("video_scene_1", clock.instant()));
        rates.applied(failedPermanent("video_scene_2", clock.instant()));
        // Not outcomes: neither rate moves.
        rates.applied(StatusEvent.generating(ItemId.of("b1", "scene_11"), 0, 1, clock.instant()));

        assertThat(rates.of(Lane.IMAGE)).isEqualTo(new LaneRates.Rates(2.0, 0.2));
        assertThat(rates.of(Lane.VIDEO)).isEqualTo(new LaneRates.Rates(0.2, 0.4));
    }

    @Test
    void eventsLeaveTheWindowFiveMinutesAfterTheyHappened() {
        rates.applied(complete("scene_0", clock.instant()));
        clock.advance(Duration.ofMinutes(3));
        rates.applied(complete("scene_1", clock.instant()));
        assertThat(rates.of(Lane.IMAGE).completedPerMinute()).isEqualTo(0.4);

        clock.advance(Duration.ofMinutes(2).plusSeconds(10));
        assertThat(rates.of(Lane.IMAGE).completedPerMinute()).isEqualTo(0.2);

        clock.advance(Duration.ofMinutes(3));
        assertThat(rates.of(Lane.IMAGE).completedPerMinute()).isEqualTo(0.0);
    }

    @Test
    void countsByEventTimeSoThatReplayedOldEventsAreNotABurst() {
        rates.applied(complete("scene_0", clock.instant().minus(Duration.ofMinutes(6))));
        rates.applied(complete("scene_1", clock.instant().minus(Duration.ofMinutes(4))));
        // A clock ahead of ours: counted as now, not lost and not kept past the window.
        rates.applied(complete("scene_2", clock.instant().plus(Duration.ofMinutes(1))));

        assertThat(rates.of(Lane.IMAGE).completedPerMinute()).isEqualTo(0.4);
        clock.advance(Duration.ofMinutes(5).plusSeconds(10));
        assertThat(rates.of(Lane.IMAGE).completedPerMinute()).isEqualTo(0.0);
    }

    @Test
    void aSlotReusedAfterTheWindowStartsFromZero() {
        RollingCount count = new RollingCount(Duration.ofSeconds(30), Duration.ofSeconds(10));
        long now = START.toEpochMilli();
        count.add(now, now);
        count.add(now, now);
        // 30 s later the same slot counts a new bucket: the two old events must not be carried over.
        long later = now + 30_000;
        count.add(later, later);
        assertThat(count.total(later)).isEqualTo(1);
        assertThat(count.total(now)).isEqualTo(0);
    }

    @Test
    void aWindowThatIsNotWholeBucketsIsRefused() {
        assertThatThrownBy(() -> new RollingCount(Duration.ofSeconds(25), Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whole number");
    }
}
