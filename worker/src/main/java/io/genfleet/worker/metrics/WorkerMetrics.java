package io.genfleet.worker.metrics;

import io.genfleet.common.item.Lane;
import io.genfleet.common.metrics.GenfleetMeter;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.worker.WorkerSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Records the worker's meters of the {@link GenfleetMeter} catalog. spring-kafka has no retry or dead-letter
 * metrics of its own (and tags every listener failure with its wrapper exception), so the worker counts
 * what operators need itself.
 *
 * <p>Every series of the configured lanes exists from start-up at zero (each outcome, tier and error type):
 * a counter that appears only at its first increment makes {@code rate()} blind to that first event and
 * leaves dashboards and alerts without data where the truthful answer is 0.
 */
@Component("workerMetrics")
public class WorkerMetrics {

    /** How a provider call ended (the {@code outcome} tag). */
    public enum Outcome {
        COMPLETE("complete"), RETRY("retry"), DEAD_LETTER("dead_letter");

        private final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }
    }

    private final MeterRegistry registry;
    private final Map<Lane, AtomicInteger> inFlight = new EnumMap<>(Lane.class);

    @Autowired
    public WorkerMetrics(MeterRegistry registry, WorkerSettings settings, TopicCatalog catalog) {
        this(registry, settings.lanes(), catalog.retryDelays());
    }

    /** Every lane, the default retry delays. */
    public WorkerMetrics(MeterRegistry registry) {
        this(registry, List.of(Lane.values()), TopicCatalog.defaults().retryDelays());
    }

    WorkerMetrics(MeterRegistry registry, List<Lane> lanes, List<Duration> retryDelays) {
        this.registry = registry;
        for (Lane lane : Lane.values()) {
            inFlight.put(lane, new AtomicInteger());
        }
        for (Lane lane : lanes) {
            register(lane, retryDelays);
        }
    }

    private void register(Lane lane, List<Duration> retryDelays) {
        String name = lane.wireName();
        GenfleetMeter.GENERATION_IN_FLIGHT.gauge(registry, inFlight.get(lane)::get, name);
        GenfleetMeter.GENERATION_DURATION.timer(registry, name);
        for (Outcome outcome : Outcome.values()) {
            GenfleetMeter.GENERATION_ATTEMPTS.counter(registry, name, outcome.tag);
        }
        for (Duration delay : retryDelays) {
            GenfleetMeter.RETRIES_SCHEDULED.counter(registry, name, tier(delay));
            GenfleetMeter.EARLY_RETRIES.counter(registry, name, tier(delay));
            GenfleetMeter.RETRY_LATENESS.timer(registry, name, tier(delay));
        }
        for (ErrorType errorType : ErrorType.values()) {
            GenfleetMeter.DEAD_LETTERS.counter(registry, name, errorType.wireName());
        }
        GenfleetMeter.DEAD_LETTERS_UNREPORTED.counter(registry, name);
    }

    /** Counts a provider call as running until {@link #finished}. */
    public void started(Lane lane) {
        inFlight.get(lane).incrementAndGet();
    }

    public void finished(Lane lane) {
        inFlight.get(lane).decrementAndGet();
    }

    public void attempt(Lane lane, Outcome outcome, Duration duration) {
        GenfleetMeter.GENERATION_ATTEMPTS.counter(registry, lane.wireName(), outcome.tag).increment();
        GenfleetMeter.GENERATION_DURATION.timer(registry, lane.wireName()).record(duration);
    }

    public void retryScheduled(Lane lane, Duration delay) {
        GenfleetMeter.RETRIES_SCHEDULED.counter(registry, lane.wireName(), tier(delay)).increment();
    }

    /** How long after its due time a delayed attempt started (negative: early, which must never happen). */
    public void retryStarted(Lane lane, Duration delay, Duration lateness) {
        if (lateness.isNegative()) {
            GenfleetMeter.EARLY_RETRIES.counter(registry, lane.wireName(), tier(delay)).increment();
        }
        GenfleetMeter.RETRY_LATENESS.timer(registry, lane.wireName(), tier(delay))
                .record(lateness.isNegative() ? Duration.ZERO : lateness);
    }

    public void deadLetter(Lane lane, ErrorType errorType) {
        GenfleetMeter.DEAD_LETTERS.counter(registry, lane.wireName(), errorType.wireName()).increment();
    }

    /** A dead letter whose {@code failed_permanent} event could not be published (left in the dead-letter topic). */
    public void deadLetterUnreported(Lane lane) {
        GenfleetMeter.DEAD_LETTERS_UNREPORTED.counter(registry, lane.wireName()).increment();
    }

    private static String tier(Duration delay) {
        return Long.toString(delay.toMillis());
    }
}
