package io.genfleet.worker.metrics;

import io.genfleet.common.item.Lane;
import io.genfleet.common.metrics.GenfleetMeter;
import io.genfleet.common.status.ErrorType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Records the worker's meters of the {@link GenfleetMeter} catalog. spring-kafka has no retry or dead-letter
 * metrics of its own (and tags every listener failure with its wrapper exception), so the worker counts
 * what operators need itself.
 */
@Component("workerMetrics")
public class WorkerMetrics {

    /**
     * Dead letters whose {@code failed_permanent} event could not be published. Not (yet) in the common
     * catalog; see the worker's notes.
     */
    static final String UNREPORTED_DEAD_LETTERS = "genfleet.dead.letters.unreported";

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

    public WorkerMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Lane lane : Lane.values()) {
            AtomicInteger calls = new AtomicInteger();
            inFlight.put(lane, calls);
            GenfleetMeter.GENERATION_IN_FLIGHT.gauge(registry, calls::get, lane.wireName());
        }
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

    public void deadLetterUnreported(Lane lane) {
        Counter.builder(UNREPORTED_DEAD_LETTERS)
                .description("Dead letters whose failed_permanent event could not be published (left in the "
                        + "dead-letter topic, not retried)")
                .tag("lane", lane.wireName())
                .register(registry)
                .increment();
    }

    private static String tier(Duration delay) {
        return Long.toString(delay.toMillis());
    }
}
