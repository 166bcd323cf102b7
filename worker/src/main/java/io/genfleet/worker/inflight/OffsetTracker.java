package io.genfleet.worker.inflight;

import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The commit position of one partition whose records finish out of order: every fetched offset stays
 * outstanding until its record is done, and the committable offset is the first outstanding one (or the
 * one after the last fetched when none is): an offset is committed only when everything before it is done.
 * Used by one thread (the partition's topic loop).
 */
final class OffsetTracker {

    private final TreeSet<Long> outstanding = new TreeSet<>();
    private long next = -1;
    private long committed = -1;

    void fetched(long offset) {
        if (offset < next) {
            throw new IllegalStateException("offset " + offset + " fetched after " + (next - 1));
        }
        outstanding.add(offset);
        next = offset + 1;
    }

    void done(long offset) {
        outstanding.remove(offset);
    }

    /** The offset to commit (the next record to read after a restart); empty until something was fetched. */
    OptionalLong committable() {
        if (next < 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(outstanding.isEmpty() ? next : outstanding.first());
    }

    /** {@link #committable()} when it moved past the last commit. */
    OptionalLong uncommitted() {
        OptionalLong position = committable();
        return position.isPresent() && position.getAsLong() > committed ? position : OptionalLong.empty();
    }

    void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    int outstanding() {
        return outstanding.size();
    }
}
