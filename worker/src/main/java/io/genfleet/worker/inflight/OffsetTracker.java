package io.genfleet.worker.inflight;

import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * The commit position of one partition whose records finish out of order: every fetched offset stays
 * outstanding until its record is done, and the committable offset is the first outstanding one (or the
 * one after the last fetched when none is): an offset is committed only when everything before it is done.
 * The records already done above that offset go into the commit's metadata ({@link CompletedOffsets}), and a
 * tracker restored from such a commit reports them as done before, so they are not run again.
 * Used by one thread (the partition's topic loop).
 */
final class OffsetTracker {

    private final TreeSet<Long> outstanding = new TreeSet<>();
    /** Offsets a previous owner finished above its committed offset (from the commit metadata). */
    private final Set<Long> doneBefore = new HashSet<>();
    private long next = -1;
    private long committed = -1;
    private String committedMetadata = "";

    /** Takes over from a previous owner's commit: {@code metadata} names what it finished above {@code offset}. */
    void restore(long offset, String metadata) {
        doneBefore.addAll(CompletedOffsets.decode(offset, metadata));
        committed = Math.max(committed, offset);
        committedMetadata = metadata == null ? "" : metadata;
    }

    /** True when a previous owner finished this record: it counts as fetched and done, and is not started. */
    boolean skipAsDoneBefore(long offset) {
        if (!doneBefore.remove(offset)) {
            return false;
        }
        fetched(offset);
        done(offset);
        return true;
    }

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

    /** The metadata of a commit at {@link #committable()}: the offsets done above it. */
    String metadata() {
        OptionalLong position = committable();
        if (position.isEmpty() || outstanding.isEmpty()) {
            return "";
        }
        long from = position.getAsLong();
        Iterable<Long> done = () -> LongStream.range(from, next).filter(offset -> !outstanding.contains(offset))
                .boxed().iterator();
        return CompletedOffsets.encode(from, done);
    }

    /**
     * {@link #committable()} when there is something new to commit: the position moved past the last commit, or
     * more records above it are done than the last commit said.
     */
    OptionalLong uncommitted() {
        return nextCommit(false).map(commit -> OptionalLong.of(commit.offset())).orElse(OptionalLong.empty());
    }

    /**
     * The commit to make now, its metadata computed once: with {@code always} whatever is committable (revocation,
     * shutdown), else only when there is something new ({@link #uncommitted()}).
     */
    Optional<OffsetAndMetadata> nextCommit(boolean always) {
        OptionalLong position = committable();
        if (position.isEmpty()) {
            return Optional.empty();
        }
        long offset = position.getAsLong();
        String metadata = metadata();
        boolean news = offset > committed || (offset == committed && !metadata.equals(committedMetadata));
        return always || news ? Optional.of(new OffsetAndMetadata(offset, metadata)) : Optional.empty();
    }

    void committed(long offset, String metadata) {
        if (offset >= committed) {
            committed = offset;
            committedMetadata = metadata;
        }
    }

    /** A commit at {@code offset} did not reach the broker: unless a later one did, it is due again. */
    void commitFailed(long offset) {
        if (committed == offset) {
            committed = -1;
            committedMetadata = "";
        }
    }

    void committed(long offset) {
        committed(offset, "");
    }

    int outstanding() {
        return outstanding.size();
    }
}
