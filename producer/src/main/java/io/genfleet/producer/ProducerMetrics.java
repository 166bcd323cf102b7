package io.genfleet.producer;

import io.genfleet.common.item.Lane;
import io.genfleet.common.metrics.GenfleetMeter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The producer's meters, all from the common catalog {@link GenfleetMeter}. Every series exists from start-up
 * at zero (each lane, reason and source), so {@code rate()} sees the first event and dashboards show 0, not
 * "no data", for what has not happened yet.
 */
@Component("producerMetrics")
public class ProducerMetrics {

    /** Values of the {@code reason} tag of {@link GenfleetMeter#REQUESTS_REJECTED}. */
    public enum Rejection {
        /** 400 and 415. */
        INVALID,
        /** 413. */
        TOO_LARGE,
        /** 409. */
        CONFLICT,
        /** 503: Kafka or the status service could not answer. */
        UNAVAILABLE,
        /** 500: a failure that a retry would meet again. */
        ERROR,
        /** 401 (no or a wrong API key) and 503 (no key configured): refused before the request was read. */
        UNAUTHORIZED,
        /** 403: the key lacks the scope. */
        FORBIDDEN,
        /** 429: the key is over its rate. */
        RATE_LIMITED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Values of the {@code source} tag of {@link GenfleetMeter#ITEMS_REQUEUED}. */
    public enum Requeue {
        /** {@code POST /api/batches/{batchId}/retry-failed}. */
        RETRY_FAILED,
        /** The operators' dead-letter replay. */
        DLT_REPLAY;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;

    @Autowired
    public ProducerMetrics(ObjectProvider<MeterRegistry> registry) {
        this(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    public ProducerMetrics(MeterRegistry registry) {
        this.registry = registry;
        GenfleetMeter.BATCHES_SUBMITTED.counter(registry);
        for (Lane lane : Lane.values()) {
            GenfleetMeter.ITEMS_SUBMITTED.counter(registry, lane.wireName());
        }
        for (Rejection reason : Rejection.values()) {
            GenfleetMeter.REQUESTS_REJECTED.counter(registry, reason.tag());
        }
        for (Requeue source : Requeue.values()) {
            GenfleetMeter.ITEMS_REQUEUED.counter(registry, source.tag());
        }
    }

    /** A committed batch, given the lane of each of its items. */
    public void accepted(Collection<Lane> itemLanes) {
        GenfleetMeter.BATCHES_SUBMITTED.counter(registry).increment();
        Map<Lane, Long> byLane = itemLanes.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        byLane.forEach((lane, count) -> GenfleetMeter.ITEMS_SUBMITTED.counter(registry, lane.wireName()).increment(count));
    }

    public void rejected(Rejection reason) {
        GenfleetMeter.REQUESTS_REJECTED.counter(registry, reason.tag()).increment();
    }

    /** Items put back on their lane with a new epoch. */
    public void requeued(Requeue source, int items) {
        GenfleetMeter.ITEMS_REQUEUED.counter(registry, source.tag()).increment(items);
    }
}
