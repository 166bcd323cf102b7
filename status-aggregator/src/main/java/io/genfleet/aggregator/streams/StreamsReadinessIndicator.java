package io.genfleet.aggregator.streams;

import org.apache.kafka.streams.KafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * DOWN unless the aggregator's Streams app is RUNNING and has caught up with its input ({@link CatchUpGate}): while
 * it starts, restores its stores, rebalances or catches up, its answers would be incomplete, so the instance should
 * not get traffic (the API answers 503 then).
 */
public class StreamsReadinessIndicator implements HealthIndicator {

    private final AggregatorStreams streams;

    public StreamsReadinessIndicator(AggregatorStreams streams) {
        this.streams = streams;
    }

    @Override
    public Health health() {
        KafkaStreams.State state = streams.state();
        boolean answers = streams.answersQueries();
        Health.Builder health = answers ? Health.up() : Health.down();
        health.withDetail("state", state.name());
        if (state == KafkaStreams.State.RUNNING && !answers) {
            health.withDetail("catchingUp", true);
        }
        return health.build();
    }
}
