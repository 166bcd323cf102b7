package io.genfleet.aggregator.fleet;

import io.genfleet.aggregator.query.LocalStatusQueryService;
import io.genfleet.common.topic.TopicCatalog;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The fleet view's own admin client: created once, closed with the context. */
@Configuration(proxyBeanMethods = false)
class FleetConfiguration {

    /** Fed by the topology (see AggregatorStreamsConfiguration), read by the fleet view. */
    @Bean
    LaneRates aggregatorLaneRates() {
        return new LaneRates(Clock.systemUTC());
    }

    @Bean
    FleetReader aggregatorFleetReader(KafkaProperties kafka, TopicCatalog catalog, LocalStatusQueryService query,
                                      LaneRates aggregatorLaneRates) {
        Map<String, Object> config = new HashMap<>(kafka.buildAdminProperties());
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "genfleet-status-aggregator-fleet");
        // A broker that is down answers within the view's own timeouts rather than the admin default of 60 s.
        // (the API timeout must not be below the request timeout, whose default is 30 s).
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        return new FleetReader(Admin.create(config), kafka.buildConsumerProperties(), catalog, query,
                aggregatorLaneRates, Clock.systemUTC());
    }
}
