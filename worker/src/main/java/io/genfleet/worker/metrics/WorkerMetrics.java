package io.genfleet.worker.metrics;

import io.genfleet.common.item.Lane;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Records the {@link WorkerMeter}s. */
@Component("workerMetrics")
public class WorkerMetrics {

    /** How a provider call ended. */
    public enum Outcome {
        COMPLETE, RETRY, DEAD;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void attempt(Lane lane, Outcome outcome, Duration duration) {
        counter(WorkerMeter.ATTEMPTS, WorkerMeter.LANE, lane.wireName(), WorkerMeter.OUTCOME, outcome.tag()).increment();
        timer(WorkerMeter.GENERATION, WorkerMeter.LANE, lane.wireName(), WorkerMeter.OUTCOME, outcome.tag())
                .record(duration);
    }

    public void retryLateness(Lane lane, Duration lateness) {
        timer(WorkerMeter.RETRY_LATENESS, WorkerMeter.LANE, lane.wireName())
                .record(lateness.isNegative() ? Duration.ZERO : lateness);
    }

    public void deadLetter(Lane lane, boolean attributable) {
        counter(WorkerMeter.DEAD_LETTERS, WorkerMeter.LANE, lane.wireName(),
                WorkerMeter.ATTRIBUTION, attributable ? "item" : "unattributable").increment();
    }

    public void deadLetterFailure(Lane lane) {
        counter(WorkerMeter.DEAD_LETTER_FAILURES, WorkerMeter.LANE, lane.wireName()).increment();
    }

    private Counter counter(WorkerMeter meter, String... tags) {
        return Counter.builder(meter.meterName()).description(meter.description()).baseUnit(meter.baseUnit())
                .tags(tags).register(registry);
    }

    private Timer timer(WorkerMeter meter, String... tags) {
        return Timer.builder(meter.meterName()).description(meter.description()).tags(tags)
                .publishPercentileHistogram(false).register(registry);
    }
}
