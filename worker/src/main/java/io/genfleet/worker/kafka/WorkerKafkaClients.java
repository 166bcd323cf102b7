package io.genfleet.worker.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The worker's Kafka clients, kept out of the bean registry on purpose: a {@code ProducerFactory},
 * {@code ConsumerFactory} or {@code KafkaTemplate} bean would switch off Boot's auto-configured ones, which
 * other services in the same (standalone) context rely on.
 *
 * <p>Everything is {@code byte[]}: requests are read raw so that an unreadable record reaches the
 * listener (and then the dead-letter topic unchanged), and forwarded records keep their original bytes.
 * One idempotent producer (acks=all) writes status events, delayed requests and dead letters.
 */
public final class WorkerKafkaClients implements AutoCloseable {

    private final DefaultKafkaConsumerFactory<byte[], byte[]> consumerFactory;
    private final DefaultKafkaProducerFactory<byte[], byte[]> producerFactory;
    private final KafkaTemplate<byte[], byte[]> template;
    private final Duration sendTimeout;
    private final KafkaClientMeters meters;

    public WorkerKafkaClients(Map<String, Object> consumerConfig, Map<String, Object> producerConfig) {
        this(consumerConfig, producerConfig, null);
    }

    /** With {@code registry}, every consumer and producer publishes its Kafka client metrics there. */
    public WorkerKafkaClients(Map<String, Object> consumerConfig, Map<String, Object> producerConfig,
                              MeterRegistry registry) {
        this.consumerFactory = new DefaultKafkaConsumerFactory<>(consumerConfig, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.producerFactory = new DefaultKafkaProducerFactory<>(producerConfig, new ByteArraySerializer(),
                new ByteArraySerializer());
        // Not beans (see above), so name them for the spring.id tag of their client metrics.
        consumerFactory.setBeanName("workerConsumerFactory");
        producerFactory.setBeanName("workerProducerFactory");
        this.meters = registry == null ? null : new KafkaClientMeters(registry);
        if (meters != null) {
            consumerFactory.addListener(meters.consumers());
            producerFactory.addListener(meters.producers());
        }
        this.template = new KafkaTemplate<>(producerFactory);
        this.sendTimeout = KafkaClientConfigs.sendTimeout(producerConfig);
    }

    public DefaultKafkaConsumerFactory<byte[], byte[]> consumerFactory() {
        return consumerFactory;
    }

    public KafkaTemplate<byte[], byte[]> template() {
        return template;
    }

    /** The longest wait for an acknowledgement before a send counts as failed. */
    public Duration sendTimeout() {
        return sendTimeout;
    }

    /** Flushes and closes the producer; runs after the listener containers have stopped. */
    @Override
    public void close() {
        producerFactory.destroy();
        if (meters != null) {
            meters.close();
        }
    }
}
