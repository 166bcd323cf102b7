package io.genfleet.aggregator.fleet;

import java.time.Duration;

/**
 * How many events fell in the last {@code window}, in a fixed ring of buckets: counting is a few array writes (it
 * runs on the stream thread for every status event), reading sums the buckets still inside the window. Times are
 * the events' own, so an event older than the window (a replay, a late record) is not counted at all.
 */
final class RollingCount {

    private final long bucketMs;
    private final long[] counts;
    /** The bucket number (epoch millis / bucketMs) each slot counts now; a slot holding an older number is stale. */
    private final long[] bucketOfSlot;

    RollingCount(Duration window, Duration bucket) {
        if (bucket.isZero() || bucket.isNegative() || window.toMillis() % bucket.toMillis() != 0) {
            throw new IllegalArgumentException("the window (" + window + ") must be a whole number of positive buckets ("
                    + bucket + ")");
        }
        this.bucketMs = bucket.toMillis();
        int slots = (int) (window.toMillis() / bucketMs);
        this.counts = new long[slots];
        this.bucketOfSlot = new long[slots];
        java.util.Arrays.fill(bucketOfSlot, Long.MIN_VALUE);
    }

    /** Counts one event that happened at {@code atMs}; a time ahead of {@code nowMs} (clock skew) counts as now. */
    synchronized void add(long atMs, long nowMs) {
        long now = Math.floorDiv(nowMs, bucketMs);
        long bucket = Math.min(Math.floorDiv(atMs, bucketMs), now);
        if (bucket <= now - counts.length) {
            return;
        }
        int slot = (int) Math.floorMod(bucket, (long) counts.length);
        if (bucketOfSlot[slot] != bucket) {
            // The slot last counted a bucket that has left the window: it starts again for this one.
            bucketOfSlot[slot] = bucket;
            counts[slot] = 0;
        }
        counts[slot]++;
    }

    /** The events of the window that ends at {@code nowMs} (its oldest bucket is partly outside: at most one bucket). */
    synchronized long total(long nowMs) {
        long now = Math.floorDiv(nowMs, bucketMs);
        long total = 0;
        for (int slot = 0; slot < counts.length; slot++) {
            if (bucketOfSlot[slot] > now - counts.length && bucketOfSlot[slot] <= now) {
                total += counts[slot];
            }
        }
        return total;
    }
}
