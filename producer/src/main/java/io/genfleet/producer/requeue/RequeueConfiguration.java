package io.genfleet.producer.requeue;

import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.producer.ProducerSettings;
import io.genfleet.producer.batch.BatchOwnership;
import io.genfleet.producer.batch.TransactionalProducerConfig;
import io.genfleet.producer.claim.ClaimLedger;
import io.genfleet.producer.claim.ClaimLog;
import io.genfleet.producer.claim.ClaimedBatchOwnership;
import io.genfleet.producer.claim.Claimer;
import io.genfleet.producer.deadletter.DeadLetterReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.DefaultTransactionIdSuffixStrategy;
import org.springframework.kafka.core.MicrometerProducerListener;

/**
 * The Kafka side of retry-failed: its own transactional writer (the batch writer's settings), the claims reader
 * and the dead-letter reader. No client bean of a type Boot auto-configures (see the batch writer's configuration).
 */
@Configuration(value = "producerRequeueConfiguration", proxyBeanMethods = false)
class RequeueConfiguration {

    @Bean(destroyMethod = "close")
    RequeueWriter producerRequeueWriter(KafkaProperties kafka, ProducerSettings settings,
                                        TopicCatalog topics, ObjectProvider<MeterRegistry> registry) {
        ProducerSettings.Kafka limits = settings.kafka();
        if (settings.replay().claimLease().compareTo(limits.transactionTimeout().multipliedBy(2)) < 0) {
            throw new IllegalStateException("genfleet.producer.replay.claim-lease (" + settings.replay().claimLease() + ") must be at "
                    + "least twice genfleet.producer.kafka.transaction-timeout (" + limits.transactionTimeout() + "): a "
                    + "requeue must never commit after its claim's lease");
        }
        MeterRegistry meters = registry.getIfAvailable(SimpleMeterRegistry::new);
        DefaultKafkaProducerFactory<String, byte[]> producers = new DefaultKafkaProducerFactory<>(
                TransactionalProducerConfig.build(kafka.buildProducerProperties(), limits),
                new StringSerializer(), new ByteArraySerializer());
        producers.setTransactionIdPrefix(TransactionalProducerConfig.transactionalIdPrefix("genfleet-producer-requeue-"));
        producers.setTransactionIdSuffixStrategy(new DefaultTransactionIdSuffixStrategy(limits.concurrentTransactions()));
        producers.setPhysicalCloseTimeout((int) Math.max(1, limits.maxBlock().toSeconds()));
        producers.addListener(new MicrometerProducerListener<>(meters));
        return new RequeueWriter(producers, limits.concurrentTransactions(), limits.maxBlock(),
                limits.deliveryTimeout().plus(limits.maxBlock()), topics, meters, Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    ClaimLog producerClaimLog(KafkaProperties kafka, ProducerSettings settings, TopicCatalog topics) {
        return new ClaimLog(kafka.buildConsumerProperties(), topics.replayClaims(), new ClaimLedger(settings.replay().claimLease()));
    }

    @Bean
    BatchOwnership producerBatchOwnership(RequeueWriter producerRequeueWriter, ClaimLog producerClaimLog,
                                          ProducerSettings settings) {
        return new ClaimedBatchOwnership(new Claimer(producerRequeueWriter, producerClaimLog, settings.replay().claimWait()),
                producerRequeueWriter);
    }

    @Bean
    KafkaRequeuer producerRequeuer(RequeueWriter producerRequeueWriter, ClaimLog producerClaimLog,
                                   KafkaProperties kafka, ProducerSettings settings, TopicCatalog topics) {
        return new KafkaRequeuer(new Claimer(producerRequeueWriter, producerClaimLog, settings.replay().claimWait()),
                new DeadLetterReader(kafka.buildConsumerProperties(), topics), producerRequeueWriter, settings.replay().claimWait());
    }
}
