package io.genfleet.bench.workload;

import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.status.StatusEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Retry lateness read from the status topic: for each {@code failed} event, its {@code nextRetryAt} (the
 * planned due time) against the time of the {@code generating} event of the next attempt (same epoch).
 * Negative lateness is an early retry. Tiers are the planned delay ({@code nextRetryAt - at}) rounded to
 * the nearest configured delay.
 */
public final class RetryLateness {

    private final Map<Long, List<Long>> latenessMsByTier = new TreeMap<>();
    private int missingNextAttempt;

    private RetryLateness() {
    }

    /**
     * @param itemsEvents every item's events (any order)
     * @param delays      the configured retry delays
     */
    public static RetryLateness of(Collection<List<StatusEvent>> itemsEvents, List<Duration> delays) {
        RetryLateness result = new RetryLateness();
        delays.forEach(delay -> result.latenessMsByTier.put(delay.toMillis(), new ArrayList<>()));
        for (List<StatusEvent> events : itemsEvents) {
            for (StatusEvent failed : events) {
                if (failed.status() != ItemStatus.FAILED || failed.nextRetryAt() == null) {
                    continue;
                }
                Optional<StatusEvent> next = events.stream()
                        .filter(e -> e.status() == ItemStatus.GENERATING && e.epoch() == failed.epoch()
                                && e.attempt() == failed.attempt() + 1)
                        .min(Comparator.comparing(StatusEvent::at));
                if (next.isEmpty()) {
                    result.missingNextAttempt++;
                    continue;
                }
                long planned = Duration.between(failed.at(), failed.nextRetryAt()).toMillis();
                long lateness = Duration.between(failed.nextRetryAt(), next.get().at()).toMillis();
                result.latenessMsByTier.get(nearest(delays, planned)).add(lateness);
            }
        }
        return result;
    }

    private static long nearest(List<Duration> delays, long plannedMs) {
        return delays.stream().map(Duration::toMillis)
                .min(Comparator.comparingLong(delay -> Math.abs(delay - plannedMs))).orElseThrow();
    }

    /** Lateness in ms of every retry, by tier (planned delay in ms), in no particular order. */
    public Map<Long, List<Long>> latenessMsByTier() {
        return latenessMsByTier;
    }

    /** Retries that started before their due time: must be 0. */
    public long early() {
        return latenessMsByTier.values().stream().flatMap(List::stream).filter(ms -> ms < 0).count();
    }

    /** {@code failed} events whose next attempt was never seen (the run ended before it). */
    public int missingNextAttempt() {
        return missingNextAttempt;
    }
}
