package io.genfleet.aggregator.topology;

import io.genfleet.common.status.BatchSummary;
import java.time.Duration;
import java.time.Instant;

/**
 * When a done batch leaves the stores: {@code retention} after it turned done. A batch that is requeued turns
 * not-done (its {@code completedAt} is cleared) and so is kept until it is done again. The sweep runs every
 * {@link #sweepInterval()}, on the task's stream thread, reading the task's summaries (one per batch).
 */
record BatchExpiry(Duration retention) {

    /** Often enough that state stays within a few percent of the retention, never more than every minute. */
    Duration sweepInterval() {
        Duration tenth = retention.dividedBy(10);
        Duration atMost = Duration.ofMinutes(10);
        Duration atLeast = Duration.ofSeconds(1);
        return tenth.compareTo(atMost) > 0 ? atMost : tenth.compareTo(atLeast) < 0 ? atLeast : tenth;
    }

    boolean expired(BatchSummary summary, Instant now) {
        return summary.completedAt() != null && !summary.completedAt().plus(retention).isAfter(now);
    }
}
