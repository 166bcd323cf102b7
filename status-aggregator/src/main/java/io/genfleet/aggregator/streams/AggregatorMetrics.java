package io.genfleet.aggregator.streams;

import io.genfleet.aggregator.topology.StatusTopologyListener;
import io.genfleet.common.metrics.GenfleetMeter;
import io.genfleet.common.status.BatchSummary;
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
 * The aggregator's meters, all from genfleet's catalog ({@link GenfleetMeter}). Kafka Streams' own metrics
 * are bound separately, under {@code kafka.stream.*} and {@code kafka.consumer.*}/{@code kafka.producer.*}.
 */
public final class AggregatorMetrics implements StatusTopologyListener {

    private final MeterRegistry registry;
    private final Clock clock;
    private final Counter deadLetters;
    private final Counter skipped;
    private final Timer eventLag;
    private final Timer batchCompletion;
    private final Counter batchesExpired;
    private final RestoreProgress restore = new RestoreProgress();

    public AggregatorMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        deadLetters = GenfleetMeter.STATUS_DEAD_LETTERS.counter(registry);
        skipped = GenfleetMeter.RECORDS_SKIPPED.counter(registry);
        eventLag = GenfleetMeter.STATUS_EVENT_LAG.timer(registry);
        batchCompletion = GenfleetMeter.BATCH_COMPLETION.timer(registry);
        batchesExpired = GenfleetMeter.BATCHES_EXPIRED.counter(registry);
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

    @Override
    public void batchCompleted(BatchSummary summary) {
        // Event time, start to end: independent of how far behind this instance is. A summary stored before
        // start times existed has none, and is not measured.
        summary.completionTime().ifPresent(batchCompletion::record);
    }

    @Override
    public void batchExpired(String batchId, int items) {
        batchesExpired.increment();
    }
}
