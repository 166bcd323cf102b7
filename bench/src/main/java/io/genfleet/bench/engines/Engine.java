package io.genfleet.bench.engines;

import java.time.Duration;

/** A consumer engine under test, subscribed to one topic in its own group, calling {@link SimulatedCalls} per record. */
interface Engine extends AutoCloseable {

    /** Starts consuming and returns once the group is settled: every partition assigned, evenly across consumers. */
    void start(Duration timeout);

    /** Stops consuming and leaves the group. */
    @Override
    void close();

    /**
     * What to build an engine of.
     *
     * @param bootstrapServers the broker
     * @param topic            the pass's topic
     * @param group            the engine's consumer group; every thread the engine starts carries it in its name
     * @param partitions       the topic's partitions
     * @param inFlightLimit    C: calls the engine may have in flight
     * @param concurrency      spring-kafka's consumers (at most one per partition); genfleet's loop runs one
     * @param calls            the provider
     */
    record Setup(String bootstrapServers, String topic, String group, int partitions, int inFlightLimit,
                 int concurrency, SimulatedCalls calls) {
    }
}
