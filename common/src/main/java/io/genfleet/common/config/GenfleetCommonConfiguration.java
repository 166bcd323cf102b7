package io.genfleet.common.config;

import io.genfleet.common.json.Json;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.common.topic.TopicProvisioner;
import io.genfleet.common.topic.TopicSettings;
import io.genfleet.common.webhook.WebhookSettings;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JacksonModule;

/**
 * What every genfleet service shares: the topic catalog, topic provisioning at start-up and the JSON
 * spelling of the web layer. Imported by each service's configuration; Spring imports it once even
 * when standalone pulls in all services.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({TopicSettings.class, WebhookSettings.class})
public class GenfleetCommonConfiguration {

    @Bean
    TopicCatalog topicCatalog(TopicSettings settings) {
        return settings.catalog();
    }

    /** The web layer writes instants like the Kafka messages do (ISO-8601, milliseconds). */
    @Bean
    JacksonModule genfleetJacksonModule() {
        return Json.module();
    }

    /**
     * Creates missing topics before any listener container or Streams app starts (those start in the
     * lifecycle phase, after all singletons are initialized).
     */
    @Bean
    @ConditionalOnProperty(name = "genfleet.topics.create", havingValue = "true", matchIfMissing = true)
    SmartInitializingSingleton genfleetTopicProvisioning(KafkaProperties kafka, TopicSettings settings) {
        return () -> {
            Map<String, Object> adminProperties = kafka.buildAdminProperties();
            try (Admin admin = Admin.create(adminProperties)) {
                new TopicProvisioner(admin, settings).provision();
            }
        };
    }
}
