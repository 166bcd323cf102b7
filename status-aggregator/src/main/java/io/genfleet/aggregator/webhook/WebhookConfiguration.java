package io.genfleet.aggregator.webhook;

import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.common.webhook.WebhookSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the webhook delivery loop with the aggregator: one consumer of the webhooks topic per aggregator instance
 * (group {@code {prefix}webhooks}: the instances share the partitions), its delivery threads and a producer for the
 * dead-letter topic. Without {@code genfleet.webhooks.secret} nothing is delivered: the events wait on their topic
 * (uncommitted) until an instance starts with a secret.
 */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    @Bean
    WebhookMetrics webhookMetrics(ObjectProvider<MeterRegistry> registry) {
        return new WebhookMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    SmartLifecycle webhookDelivery(KafkaProperties kafka, WebhookSettings settings, TopicCatalog catalog,
                                   WebhookMetrics metrics) {
        return new DeliveryLifecycle(kafka, settings, catalog, metrics);
    }

    private static final class DeliveryLifecycle implements SmartLifecycle {

        private static final Logger log = LoggerFactory.getLogger(DeliveryLifecycle.class);

        private final KafkaProperties kafka;
        private final WebhookSettings settings;
        private final TopicCatalog catalog;
        private final WebhookMetrics metrics;
        private WebhookDeliveryLoop loop;
        private KafkaProducer<String, byte[]> deadLetters;

        DeliveryLifecycle(KafkaProperties kafka, WebhookSettings settings, TopicCatalog catalog, WebhookMetrics metrics) {
            this.kafka = kafka;
            this.settings = settings;
            this.catalog = catalog;
            this.metrics = metrics;
        }

        @Override
        public synchronized void start() {
            if (settings.secret().isBlank()) {
                log.warn("genfleet.webhooks.secret is not set: webhook events are kept on {} but not delivered",
                        catalog.webhooks());
                return;
            }
            deadLetters = new KafkaProducer<>(producerProperties(), new StringSerializer(), new ByteArraySerializer());
            WebhookSender sender = new WebhookSender(new WebhookSignature(settings.secret()), settings.urlPolicy(),
                    settings.backoff(), settings.timeout(), Clock.systemUTC());
            loop = new WebhookDeliveryLoop(new KafkaConsumer<>(consumerProperties(), new StringDeserializer(),
                    new ByteArrayDeserializer()), catalog.webhooks(),
                    new WebhookDeliverer(sender, deadLetters, catalog.webhooksDeadLetter(), metrics),
                    settings.maxConcurrent());
            loop.start();
        }

        private Map<String, Object> consumerProperties() {
            Map<String, Object> properties = new HashMap<>(kafka.buildConsumerProperties());
            properties.put(ConsumerConfig.GROUP_ID_CONFIG, catalog.webhooks());
            properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "genfleet-webhook-delivery");
            // Only events of committed aggregator transactions: an aborted step's events never happened.
            properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            // Offsets are committed by hand, once the deliveries before them have ended.
            properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxConcurrent());
            return properties;
        }

        private Map<String, Object> producerProperties() {
            Map<String, Object> properties = new HashMap<>(kafka.buildProducerProperties());
            properties.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
            properties.put(ProducerConfig.CLIENT_ID_CONFIG, "genfleet-webhook-dead-letters");
            // A dead letter is the only trace of an undeliverable event: written to every in-sync replica, once.
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            return properties;
        }

        @Override
        public synchronized void stop() {
            if (loop != null) {
                loop.close();
                loop = null;
            }
            if (deadLetters != null) {
                deadLetters.close();
                deadLetters = null;
            }
        }

        @Override
        public synchronized boolean isRunning() {
            return loop != null;
        }
    }
}
