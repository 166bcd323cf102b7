package io.genfleet.bench.workload;

import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.status.StatusEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The worker's side of a batch, from its status events: when the first attempt started, when the last
 * item completed, and how many attempts ran at the same time at most (an attempt runs from its
 * {@code generating} event to the {@code complete}/{@code failed} event of the same attempt).
 */
public record WorkerTimeline(Instant firstGenerating, Instant lastComplete, int peakInFlight, int completed) {

    public static WorkerTimeline of(Collection<List<StatusEvent>> itemsEvents) {
        Instant first = null;
        Instant last = null;
        int completed = 0;
        List<long[]> edges = new ArrayList<>();
        for (List<StatusEvent> events : itemsEvents) {
            for (StatusEvent event : events) {
                if (event.status() == ItemStatus.GENERATING) {
                    first = first == null || event.at().isBefore(first) ? event.at() : first;
                    Optional<StatusEvent> end = events.stream().filter(e -> e.epoch() == event.epoch()
                            && e.attempt() == event.attempt()
                            && (e.status() == ItemStatus.COMPLETE || e.status() == ItemStatus.FAILED)).findFirst();
                    edges.add(new long[] {event.at().toEpochMilli(), +1});
                    end.ifPresent(e -> edges.add(new long[] {e.at().toEpochMilli(), -1}));
                } else if (event.status() == ItemStatus.COMPLETE) {
                    completed++;
                    last = last == null || event.at().isAfter(last) ? event.at() : last;
                }
            }
        }
        // Ends before starts at the same millisecond: an attempt that ended as another began did not overlap it.
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int running = 0;
        int peak = 0;
        for (long[] edge : edges) {
            running += (int) edge[1];
            peak = Math.max(peak, running);
        }
        return new WorkerTimeline(first, last, peak, completed);
    }

    /** Completed items per second between the first start and the last completion. */
    public double itemsPerSecond() {
        if (firstGenerating == null || lastComplete == null) {
            return Double.NaN;
        }
        long millis = Math.max(1, Duration.between(firstGenerating, lastComplete).toMillis());
        return completed * 1000.0 / millis;
    }
}
