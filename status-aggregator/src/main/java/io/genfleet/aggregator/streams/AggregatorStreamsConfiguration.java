package io.genfleet.aggregator.streams;

import io.genfleet.aggregator.AggregatorSettings;
import io.genfleet.aggregator.topology.StatusTopology;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.common.topic.TopicSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the topology into a running Streams app, with its metrics and readiness. */
@Configuration(proxyBeanMethods = false)
class AggregatorStreamsConfiguration {

    @Bean
    AggregatorMetrics aggregatorMetrics(ObjectProvider<MeterRegistry> registry) {
        return new AggregatorMetrics(registry.getIfAvailable(SimpleMeterRegistry::new), Clock.systemUTC());
    }

    @Bean
    AggregatorStreams aggregatorStreams(KafkaProperties kafka, AggregatorSettings settings, TopicSettings topics,
                                        TopicCatalog catalog, AggregatorMetrics metrics,
                                        ObjectProvider<MeterRegistry> registry) {
        Properties properties = AggregatorStreamsProperties.build(kafka, settings, topics,
                metrics.skippedRecordCounter());
        StreamsBuilder builder = new StreamsBuilder();
        StatusTopology.build(builder, catalog, settings.historyLimit(), metrics);
        Topology topology = builder.build(properties);
        AggregatorStreams streams = new AggregatorStreams(topology, properties, metrics.restoreListener(),
                registry.getIfAvailable());
        metrics.bindStreamsState(streams::state);
        return streams;
    }

    /** Named {@code aggregatorStreams} in the health tree; part of the readiness group (see application.yml). */
    @Bean("aggregatorStreamsHealthIndicator")
    StreamsReadinessIndicator aggregatorStreamsHealthIndicator(AggregatorStreams streams) {
        return new StreamsReadinessIndicator(streams);
    }
}
