package io.genfleet.aggregator.streams;

import io.genfleet.aggregator.AggregatorSettings;
import io.genfleet.aggregator.fleet.LaneRates;
import io.genfleet.aggregator.topology.StatusTopology;
import io.genfleet.aggregator.topology.StatusTopologyListener;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.common.topic.TopicSettings;
import io.genfleet.common.webhook.WebhookSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the topology into a running Streams app, with its metrics and readiness. */
@Configuration(proxyBeanMethods = false)
class AggregatorStreamsConfiguration {

    /** About one commit interval (100 ms) or two: the gate opens soon after the commit that catches up. */
    static final Duration CATCH_UP_CHECK_INTERVAL = Duration.ofMillis(200);

    @Bean
    AggregatorMetrics aggregatorMetrics(ObjectProvider<MeterRegistry> registry) {
        return new AggregatorMetrics(registry.getIfAvailable(SimpleMeterRegistry::new), Clock.systemUTC());
    }

    /** Holds answers back after a restart or rebalance until the input is processed again (see the class). */
    @Bean(destroyMethod = "close")
    CatchUpGate aggregatorCatchUpGate(KafkaProperties kafka) {
        Map<String, Object> admin = new HashMap<>(kafka.buildAdminProperties());
        admin.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "genfleet-status-aggregator-catch-up");
        String groupId = (String) kafka.buildStreamsProperties()
                .getOrDefault(StreamsConfig.APPLICATION_ID_CONFIG, AggregatorStreamsProperties.APPLICATION_ID);
        return new CatchUpGate(new AdminOffsets(Admin.create(admin), groupId), CATCH_UP_CHECK_INTERVAL);
    }

    @Bean
    AggregatorStreams aggregatorStreams(KafkaProperties kafka, AggregatorSettings settings, TopicSettings topics,
                                        TopicCatalog catalog, AggregatorMetrics metrics,
                                        ObjectProvider<MeterRegistry> registry, CatchUpGate aggregatorCatchUpGate,
                                        WebhookSettings webhooks, LaneRates laneRates) {
        Properties properties = AggregatorStreamsProperties.build(kafka, settings, topics,
                metrics.skippedRecordCounter());
        StreamsBuilder builder = new StreamsBuilder();
        StatusTopology.build(builder, catalog, settings.historyLimit(), settings.batchRetention(),
                StatusTopologyListener.all(metrics, laneRates), webhooks.global(), webhooks.progressInterval());
        Topology topology = builder.build(properties);
        AggregatorStreams streams = new AggregatorStreams(topology, properties, metrics.restoreListener(),
                registry.getIfAvailable(), aggregatorCatchUpGate);
        metrics.bindStreamsState(streams::state);
        return streams;
    }

    /** Named {@code aggregatorStreams} in the health tree; part of the readiness group (see application.yml). */
    @Bean("aggregatorStreamsHealthIndicator")
    StreamsReadinessIndicator aggregatorStreamsHealthIndicator(AggregatorStreams streams) {
        return new StreamsReadinessIndicator(streams);
    }
}
