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

/** The producer's meters, all from the common catalog {@link GenfleetMeter}. */
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
        ERROR;

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
}
