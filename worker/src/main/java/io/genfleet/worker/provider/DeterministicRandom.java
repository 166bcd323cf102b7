package io.genfleet.worker.provider;

import java.nio.charset.StandardCharsets;

/**
 * Uniform numbers that are a pure function of their inputs: the simulated provider decides each attempt
 * from (seed, batchId, itemKey, epoch, attempt) alone, so any worker, in any order, after any restart,
 * makes the same decision. A shared {@code Random} would depend on which thread got there first.
 */
final class DeterministicRandom {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private DeterministicRandom() {
    }

    /** A number in [0, 1) for one decision ({@code purpose}) about one attempt. */
    static double unit(long seed, String batchId, String itemKey, int epoch, int attempt, String purpose) {
        long hash = FNV_OFFSET ^ mix(seed);
        hash = add(hash, batchId);
        hash = add(hash, itemKey);
        hash = add(hash, Integer.toString(epoch));
        hash = add(hash, Integer.toString(attempt));
        hash = add(hash, purpose);
        return (mix(hash) >>> 11) * 0x1.0p-53;
    }

    private static long add(long hash, String part) {
        for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        hash ^= 0x1f;
        return hash * FNV_PRIME;
    }

    /** SplitMix64's finalizer: spreads every input bit over the whole word. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
