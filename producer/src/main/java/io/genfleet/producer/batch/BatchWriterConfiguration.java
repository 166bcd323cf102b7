package io.genfleet.producer.batch;

import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.producer.ProducerSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.DefaultTransactionIdSuffixStrategy;
import org.springframework.kafka.core.MicrometerProducerListener;

/**
 * The Kafka side of batch submission. The producer factory is owned by the writer and not exposed as
 * a bean: a {@code ProducerFactory} or {@code KafkaTemplate} bean would switch off Boot's defaults,
 * which the other modules of standalone may use.
 */
@Configuration(value = "producerBatchWriterConfiguration", proxyBeanMethods = false)
class BatchWriterConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BatchWriterConfiguration.class);

    @Bean(destroyMethod = "close")
    KafkaBatchWriter producerBatchWriter(KafkaProperties kafka, ProducerSettings settings, TopicCatalog topics,
                                         ObjectProvider<MeterRegistry> registry) {
        ProducerSettings.Kafka limits = settings.kafka();
        MeterRegistry meters = registry.getIfAvailable(SimpleMeterRegistry::new);
        DefaultKafkaProducerFactory<String, byte[]> producers = new DefaultKafkaProducerFactory<>(
                TransactionalProducerConfig.build(kafka.buildProducerProperties(), limits),
                new StringSerializer(), new ByteArraySerializer());
        String prefix = TransactionalProducerConfig.transactionalIdPrefix();
        producers.setTransactionIdPrefix(prefix);
        // A bounded set of transactional ids, reused: the successor of a producer closed after a failure
        // takes over its id, and initTransactions then aborts whatever that producer left open.
        producers.setTransactionIdSuffixStrategy(new DefaultTransactionIdSuffixStrategy(limits.concurrentTransactions()));
        producers.setPhysicalCloseTimeout((int) Math.max(1, limits.maxBlock().toSeconds()));
        // Not a bean (see above): named for the spring.id tag of its Kafka client metrics.
        producers.setBeanName("producerBatchWriterFactory");
        producers.addListener(new MicrometerProducerListener<>(meters));
        log.info("Batch writer uses transactional ids {}0..{}", prefix, limits.concurrentTransactions() - 1);
        Duration ackWait = limits.deliveryTimeout().plus(limits.maxBlock());
        return new KafkaBatchWriter(producers, limits.concurrentTransactions(), limits.maxBlock(), ackWait, topics,
                Clock.systemUTC());
    }
}
