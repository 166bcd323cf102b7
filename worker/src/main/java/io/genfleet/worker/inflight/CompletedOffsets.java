package io.genfleet.worker.inflight;

import java.util.Base64;
import java.util.BitSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The records of a partition finished above its committed offset, written into the commit's metadata so that a
 * new owner (after a crash, kill -9 or rebalance) skips them instead of generating them again: only the records
 * that were in flight run twice. The technique is the one Confluent's parallel-consumer uses.
 *
 * <p>Format: {@code gf1:} then, base64 (URL alphabet, no padding), a bit set whose bit {@code i} says that
 * offset {@code committed + i} is done. Kafka limits the metadata ({@code offset.metadata.max.bytes}, 4,096 by
 * default), so at most {@value #MAX_BITS} offsets are encoded; records beyond them are simply repeated, as
 * without metadata. Unknown or unreadable metadata means "nothing known", never an error.
 */
final class CompletedOffsets {

    static final String PREFIX = "gf1:";
    /** 2,048 bytes of bit set, 2,736 characters of base64: well inside the broker's default limit. */
    static final int MAX_BITS = 16_384;

    private CompletedOffsets() {
    }

    /** The metadata for a commit at {@code committed} with {@code done} (offsets above it) finished; "" when none. */
    static String encode(long committed, Iterable<Long> done) {
        BitSet bits = new BitSet();
        for (long offset : done) {
            long index = offset - committed;
            if (index >= 0 && index < MAX_BITS) {
                bits.set((int) index);
            }
        }
        return bits.isEmpty() ? "" : PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bits.toByteArray());
    }

    /** The finished offsets a commit at {@code committed} carried in {@code metadata}; empty when none or unreadable. */
    static Set<Long> decode(long committed, String metadata) {
        Set<Long> done = new TreeSet<>();
        if (metadata == null || !metadata.startsWith(PREFIX)) {
            return done;
        }
        BitSet bits;
        try {
            bits = BitSet.valueOf(Base64.getUrlDecoder().decode(metadata.substring(PREFIX.length())));
        } catch (IllegalArgumentException unreadable) {
            return done;
        }
        for (int i = bits.nextSetBit(0); i >= 0 && i < MAX_BITS; i = bits.nextSetBit(i + 1)) {
            done.add(committed + i);
        }
        return done;
    }
}
