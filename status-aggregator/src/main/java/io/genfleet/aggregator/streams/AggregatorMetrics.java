package io.genfleet.aggregator.streams;

import io.genfleet.aggregator.topology.UnreadableStatusListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The aggregator's own meters (Kafka Streams' metrics are bound separately, under {@code kafka.stream.*}). */
public final class AggregatorMetrics {

    public static final String DEAD_LETTERS = "genfleet.aggregator.status.dead.letters";
    public static final String SKIPPED = "genfleet.aggregator.records.skipped";

    private final Counter deadLetters;
    private final Counter skipped;

    public AggregatorMetrics(MeterRegistry registry) {
        deadLetters = Counter.builder(DEAD_LETTERS)
                .description("Unreadable status records sent to the status dead-letter topic")
                .baseUnit("records")
                .register(registry);
        skipped = Counter.builder(SKIPPED)
                .description("Records of internal topics skipped because they could not be deserialized")
                .baseUnit("records")
                .register(registry);
    }

    public UnreadableStatusListener unreadableStatusListener() {
        return (topic, partition, offset, reason) -> deadLetters.increment();
    }

    public Runnable skippedRecordCounter() {
        return skipped::increment;
    }
}
