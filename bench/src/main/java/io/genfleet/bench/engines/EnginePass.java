package io.genfleet.bench.engines;

import io.genfleet.bench.system.ProcessResources;
import io.genfleet.bench.system.ThreadCpu;
import java.time.Duration;

/**
 * One engine through one scenario: a fresh topic and group, the engine started and settled on it, then every record
 * released at once ({@link StagedRecords}) and the clock stopped when the broker holds every record's commit.
 *
 * @param bootstrapServers  the broker
 * @param partitions        partitions of the pass's topic
 * @param replicationFactor below 1: the cluster's default
 * @param records           records per pass
 * @param inFlightLimit     C
 * @param springConcurrency spring-kafka's consumers
 * @param commits           reads the groups' committed offsets
 */
record EnginePass(String bootstrapServers, int partitions, int replicationFactor, int records, int inFlightLimit,
                  int springConcurrency, CommitWatch commits) {

    static final Duration START_TIMEOUT = Duration.ofMinutes(1);
    static final Duration COMMIT_TIMEOUT = Duration.ofMinutes(5);

    /** @param name topic and group of the pass, unique in the benchmark (every engine thread's name carries it) */
    PassResult run(String name, EngineKind kind, Scenario scenario) {
        try (StagedRecords staged = StagedRecords.stage(bootstrapServers, name, partitions, replicationFactor, records);
             SimulatedCalls calls = new SimulatedCalls(scenario, records, name + "-call");
             Engine engine = kind.create(new Engine.Setup(bootstrapServers, name, name, partitions, inFlightLimit,
                     springConcurrency, calls))) {
            engine.start(START_TIMEOUT);
            ThreadCpu threadsBefore = ThreadCpu.snapshot();
            long processBefore = ProcessResources.processCpuNanos();
            staged.release();
            // The broker is asked for the group's offsets only from here on: asking all along would load it (and
            // this process) while the engine works, and no commit can cover a record whose call has not ended.
            calls.awaitEnded(COMMIT_TIMEOUT);
            CommitWatch.Committed done = commits.await(name, staged.endOffsets(), COMMIT_TIMEOUT);
            long processCpu = ProcessResources.processCpuNanos() - processBefore;
            long engineCpu = ThreadCpu.snapshot().nanosSince(threadsBefore, thread -> thread.contains(name));
            if (done.committed() < records) {
                throw new IllegalStateException(kind.metricName() + " committed " + done.committed() + " of " + records
                        + " records of " + name + " within " + COMMIT_TIMEOUT);
            }
            return new PassResult(records, (done.atNanos() - calls.firstStartNanos()) / 1e9,
                    (calls.lastEndNanos() - calls.firstStartNanos()) / 1e9, calls.peakInFlight(), calls.started(),
                    done.committed(), engineCpu, processCpu);
        }
    }
}
