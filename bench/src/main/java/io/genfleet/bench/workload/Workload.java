package io.genfleet.bench.workload;

import io.genfleet.bench.fleet.BenchFleet;
import io.genfleet.bench.fleet.FleetShape;
import io.genfleet.bench.report.Measurement;
import io.genfleet.bench.report.Target;
import java.util.List;
import java.util.Map;

/** One of the workloads: the fleet it needs, one measured run on such a fleet, and its targets. */
public interface Workload {

    /** {@code W1}..{@code W4}. */
    String id();

    String title();

    /** What a run does, for the report. */
    Map<String, Object> parameters();

    /** Spring properties of the fleet (provider latency, failure rate...), on top of the benchmark's. */
    Map<String, String> fleetSettings();

    /** Which services the measured process runs: by default the whole fleet, as {@code serve}. */
    default FleetShape shape() {
        return FleetShape.WHOLE_FLEET;
    }

    /**
     * Items the fleet runs (no-op, never failing) before the measured run. A few hundred start every path; a
     * workload that measures the fleet's own cost per item needs more, or it measures the JIT compiler.
     */
    default int warmUpItems() {
        return 500;
    }

    /**
     * True: the warm-up items take the workload's own provider settings (its latency), not zero time. A workload
     * whose paths no-op items never take (waiting calls, slots freed by answers) otherwise has the JIT compile
     * them during its measured run, which a long-running worker has long done.
     */
    default boolean warmUpOnOwnProvider() {
        return false;
    }

    /** One measured run on a fresh, warmed-up fleet. */
    Measurement run(BenchFleet fleet, RunEnvironment environment);

    List<Target> targets();

    /** How to read the figures. */
    List<String> notes(RunEnvironment environment);
}
