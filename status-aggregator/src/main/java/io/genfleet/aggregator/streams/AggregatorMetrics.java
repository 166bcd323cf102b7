package io.genfleet.aggregator.streams;

import io.genfleet.aggregator.topology.StatusTopologyListener;
import io.genfleet.common.metrics.GenfleetMeter;
import io.genfleet.common.status.StatusEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * The aggregator's meters: those of genfleet's catalog ({@link GenfleetMeter}) plus two counters that the
 * catalog does not have yet. Kafka Streams' own metrics are bound separately, under {@code kafka.stream.*}.
 */
public final class AggregatorMetrics implements StatusTopologyListener {

    /** Not in {@link GenfleetMeter} yet: unreadable status records sent to the status dead-letter topic. */
    public static final String STATUS_DEAD_LETTERS = "genfleet.status.dead.letters";
    /** Not in {@link GenfleetMeter} yet: records of internal topics skipped by the deserialization handler. */
    public static final String RECORDS_SKIPPED = "genfleet.aggregator.records.skipped";

    private final MeterRegistry registry;
    private final Clock clock;
    private final Counter deadLetters;
    private final Counter skipped;
    private final Timer eventLag;
    private final RestoreProgress restore = new RestoreProgress();

    public AggregatorMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        deadLetters = Counter.builder(STATUS_DEAD_LETTERS)
                .description("Unreadable status records sent to the status dead-letter topic")
                .register(registry);
        skipped = Counter.builder(RECORDS_SKIPPED)
                .description("Records of the aggregator's internal topics skipped as unreadable")
                .register(registry);
        eventLag = GenfleetMeter.STATUS_EVENT_LAG.timer(registry);
        GenfleetMeter.STREAMS_RESTORE_REMAINING.gauge(registry, restore::remaining);
    }

    /** One gauge per Streams state: 1 for the current one, 0 for the others. */
    public void bindStreamsState(Supplier<KafkaStreams.State> state) {
        for (KafkaStreams.State each : KafkaStreams.State.values()) {
            GenfleetMeter.STREAMS_STATE.gauge(registry, () -> state.get() == each ? 1 : 0,
                    each.name().toLowerCase(Locale.ROOT));
        }
    }

    public StateRestoreListener restoreListener() {
        return restore;
    }

    public Runnable skippedRecordCounter() {
        return skipped::increment;
    }

    @Override
    public void unreadable(String topic, int partition, long offset, String reason) {
        deadLetters.increment();
    }

    @Override
    public void applied(StatusEvent event) {
        // Replayed or late events can be old; clock skew can make a fresh one look early (counted as 0).
        Duration lag = Duration.between(event.at(), clock.instant());
        eventLag.record(lag.isNegative() ? Duration.ZERO : lag);
    }
}
