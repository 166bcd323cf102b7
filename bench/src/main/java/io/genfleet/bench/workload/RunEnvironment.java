package io.genfleet.bench.workload;

import java.io.PrintStream;

/**
 * What a workload run may know about the benchmark around it.
 *
 * @param bootstrapServers the broker
 * @param brokerInProcess  true for the embedded broker: process CPU and RSS then include it
 * @param inFlightLimit    C, the worker's in-flight limit under test
 * @param progress         where progress lines go (not the report)
 */
public record RunEnvironment(String bootstrapServers, boolean brokerInProcess, int inFlightLimit, PrintStream progress) {

    public void log(String format, Object... args) {
        progress.printf("[bench] " + format + "%n", args);
    }
}
