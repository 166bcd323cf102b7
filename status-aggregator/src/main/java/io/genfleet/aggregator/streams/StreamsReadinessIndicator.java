package io.genfleet.aggregator.streams;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * DOWN unless the aggregator's Streams app is RUNNING: while it starts, restores its stores or rebalances,
 * its answers would be incomplete, so the instance should not get traffic (the API answers 503 then).
 */
public class StreamsReadinessIndicator implements HealthIndicator {

    private final AggregatorStreams streams;

    public StreamsReadinessIndicator(AggregatorStreams streams) {
        this.streams = streams;
    }

    @Override
    public Health health() {
        KafkaStreams.State state = streams.state();
        Health.Builder health = state == KafkaStreams.State.RUNNING ? Health.up() : Health.down();
        return health.withDetail("state", state.name()).build();
    }
}
