package io.genfleet.aggregator.fleet;

import io.genfleet.aggregator.topology.StatusTopologyListener;
import io.genfleet.common.item.Lane;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.status.StatusEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Completions and permanent failures per lane and minute, over the last five minutes, for {@code GET /api/fleet}.
 * Counted from the status events this aggregator instance applies: with several instances, each one counts only
 * the batches of its own partitions (the numbers are per instance, not the fleet's sum; Prometheus has the sum).
 * Only changes count (a duplicate event is not applied), and by event time, so that replayed old events do not
 * look like a burst.
 */
public final class LaneRates implements StatusTopologyListener {

    static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Duration BUCKET = Duration.ofSeconds(10);
    private static final double WINDOW_MINUTES = WINDOW.toMillis() / 60_000.0;

    private final Clock clock;
    private final Map<Lane, RollingCount> completed = new EnumMap<>(Lane.class);
    private final Map<Lane, RollingCount> failedPermanent = new EnumMap<>(Lane.class);

    public LaneRates(Clock clock) {
        this.clock = clock;
        for (Lane lane : Lane.values()) {
            completed.put(lane, new RollingCount(WINDOW, BUCKET));
            failedPermanent.put(lane, new RollingCount(WINDOW, BUCKET));
        }
    }

    /**
     * @param completedPerMinute       items that completed, per minute over the window
     * @param failedPermanentPerMinute items that failed permanently, per minute over the window
     */
    public record Rates(double completedPerMinute, double failedPermanentPerMinute) {
    }

    @Override
    public void applied(StatusEvent event) {
        Map<Lane, RollingCount> counts = event.status() == ItemStatus.COMPLETE ? completed
                : event.status() == ItemStatus.FAILED_PERMANENT ? failedPermanent : null;
        if (counts != null) {
            counts.get(event.lane()).add(event.at().toEpochMilli(), clock.millis());
        }
    }

    public Rates of(Lane lane) {
        long now = clock.millis();
        return new Rates(perMinute(completed.get(lane).total(now)), perMinute(failedPermanent.get(lane).total(now)));
    }

    /** Rounded to two decimals: the window's edge moves by a bucket, more digits would be noise. */
    private static double perMinute(long events) {
        return Math.round(events / WINDOW_MINUTES * 100) / 100.0;
    }
}
