package io.genfleet.bench.engines;

import java.time.Duration;

/**
 * How long each simulated provider call takes, decided by the record's index alone, so both engines (and every run)
 * wait the same time for the same record.
 *
 * @param metricName  the scenario's prefix in the report ({@code slow_tail})
 * @param latency     every call's latency, or the common one when some are slow
 * @param slowLatency the slow calls' latency; {@link Duration#ZERO} for none
 */
record Scenario(String metricName, Duration latency, Duration slowLatency) {

    /** Every call 200 ms, as W3. */
    static final Scenario UNIFORM = new Scenario("uniform", Duration.ofMillis(200), Duration.ZERO);
    /** 1 % of the calls take 3 s, the rest 200 ms: the case where waiting for a whole poll stalls the others. */
    static final Scenario SLOW_TAIL = new Scenario("slow_tail", Duration.ofMillis(200), Duration.ofSeconds(3));
    /** Calls that answer at once: what remains is each engine's own cost per record. */
    static final Scenario NO_OP = new Scenario("no_op", Duration.ZERO, Duration.ZERO);
    /** Unmeasured: exercises every path of the measured scenarios (timer completions, pauses) for the JIT. */
    static final Scenario WARM_UP = new Scenario("warm_up", Duration.ofMillis(10), Duration.ofMillis(50));

    /** One record in each block of this many is slow. */
    static final int SLOW_ONE_IN = 100;

    Duration latencyOf(int index) {
        return !slowLatency.isZero() && isSlow(index) ? slowLatency : latency;
    }

    /**
     * Exactly one record per block of {@link #SLOW_ONE_IN} consecutive indices (the first block always has one), at a
     * position within the block chosen by a hash of the block: spread over the partitions, unlike a fixed residue,
     * which with records placed round-robin would fall on every other partition only.
     */
    static boolean isSlow(int index) {
        int block = index / SLOW_ONE_IN;
        return index % SLOW_ONE_IN == Math.floorMod(mix(block), SLOW_ONE_IN);
    }

    /** Slow records among the first {@code records} indices. */
    static int slowCount(int records) {
        int count = 0;
        for (int index = 0; index < records; index++) {
            count += isSlow(index) ? 1 : 0;
        }
        return count;
    }

    /**
     * The best wall time any engine could reach with {@code limit} calls in flight: the records go through in waves
     * of {@code limit} calls, and the slowest call (when there is one) ends at least its latency after it starts.
     */
    double idealSeconds(int records, int limit) {
        double waves = (double) records / limit * latency.toNanos() / 1e9;
        return waves + (slowLatency.isZero() || slowCount(records) == 0 ? 0 : slowLatency.toNanos() / 1e9);
    }

    /** A 32-bit finaliser (MurmurHash3's): neighbouring blocks get unrelated positions. */
    private static int mix(int value) {
        int h = value * 0x9E3779B9;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }
}
