package io.genfleet.bench.workload;

import io.genfleet.bench.report.Measurement;
import io.genfleet.bench.report.Target;
import java.util.List;
import java.util.Map;

/**
 * A workload that needs the broker but no fleet: it brings its own clients (W7 runs two consumer engines against
 * each other). Like {@link Workload}, each run is warmed up before it is measured.
 */
public interface BrokerWorkload {

    String id();

    String title();

    /** What a run does, for the report. */
    Map<String, Object> parameters();

    /** Unmeasured work before each run, so the JIT has compiled what the run measures. */
    void warmUp(String runId, RunEnvironment environment);

    /** One measured run; {@code runId} is unique in the benchmark (for topic and group names). */
    Measurement run(String runId, RunEnvironment environment);

    List<Target> targets();

    /** How to read the figures. */
    List<String> notes(RunEnvironment environment);
}
