package io.genfleet.aggregator.query;

import io.genfleet.aggregator.AggregatorSettings;
import io.genfleet.aggregator.streams.AggregatorStreams;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.stereotype.Component;

/**
 * Which instance holds the active copy of a key or a store partition, from Kafka Streams' assignment metadata
 * ({@code application.server} of every instance). Consulted only while this instance is {@code RUNNING}: during
 * a rebalance the metadata may name the previous owner, so the answer is "unavailable" instead. The owner
 * re-checks on its side (it reads exactly the named partition), so a stale entry yields a 503, never a wrong
 * or empty answer.
 */
@Component("aggregatorStoreOwners")
class StoreOwners {

    private static final HostInfo UNKNOWN = HostInfo.unavailable();

    private final AggregatorStreams streams;
    private final HostInfo self;

    StoreOwners(AggregatorStreams streams, AggregatorSettings settings) {
        this.streams = streams;
        this.self = settings.routesQueries() ? HostInfo.buildFromEndpoint(settings.applicationServer()) : null;
    }

    /** This instance's {@code application.server}, or null when it runs alone (no routing). */
    HostInfo self() {
        return self;
    }

    KeyOwner ofKey(String store, String key) {
        requireRunning();
        return owner(store, metadata(() -> streams.keyMetadata(store, key)), "key");
    }

    private KeyOwner owner(String store, KeyQueryMetadata metadata, String what) {
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE) || metadata.activeHost() == null
                || UNKNOWN.equals(metadata.activeHost())) {
            throw new StatusUnavailableException("no instance holds the " + what + " of " + store + " right now", null);
        }
        return new KeyOwner(metadata.activeHost(), metadata.partition(), metadata.activeHost().equals(self));
    }

    /** Streams refuses metadata once it shuts down; that can start between the state check and the call. */
    private <T> T metadata(Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (IllegalStateException e) {
            throw new StatusUnavailableException("the status aggregator is " + streams.state(), e);
        }
    }

    private void requireRunning() {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw new StatusUnavailableException("the status aggregator is " + state, null);
        }
    }

    static String describe(HostInfo host) {
        return host.host() + ":" + host.port();
    }
}
