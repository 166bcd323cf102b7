package io.genfleet.bench.engines;

/**
 * What one engine did with one scenario's records.
 *
 * @param records         records published
 * @param wallSeconds     first call started to every record committed (read from the broker)
 * @param ackedSeconds    first call started to the last call ended
 * @param peakInFlight    most calls in flight at once
 * @param calls           calls started (more than {@code records}: records handled twice)
 * @param committed       records committed when the pass ended
 * @param engineCpuNanos  CPU of the engine's own threads (consumers, heartbeats, the call timer) over the pass
 * @param processCpuNanos CPU of the whole process over the pass (the embedded broker included)
 */
record PassResult(int records, double wallSeconds, double ackedSeconds, int peakInFlight, int calls, long committed,
                  long engineCpuNanos, long processCpuNanos) {

    double recordsPerSecond() {
        return records / wallSeconds;
    }

    double engineCpuMicrosPerRecord() {
        return engineCpuNanos / 1e3 / records;
    }

    double processCpuMicrosPerRecord() {
        return processCpuNanos / 1e3 / records;
    }

    int duplicateCalls() {
        return Math.max(0, calls - records);
    }
}
