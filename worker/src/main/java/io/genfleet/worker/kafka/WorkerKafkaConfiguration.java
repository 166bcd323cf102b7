package io.genfleet.worker.kafka;

import io.genfleet.worker.WorkerSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.ContainerProperties;

/** The worker's Kafka clients and the container factory of its listeners (lane, delay and dead-letter topics). */
@Configuration(proxyBeanMethods = false)
class WorkerKafkaConfiguration {

    /**
     * 500 ms instead of 5 s. A delayed partition is resumed by a scheduler; when the resume lands just
     * before the consumer's poll (a race seen in PITFALLS.md), the poll blocks for the whole poll timeout
     * with the partition still paused, making that retry up to one poll timeout late.
     */
    static final long POLL_TIMEOUT_MS = 500;

    @Bean(destroyMethod = "close")
    WorkerKafkaClients workerKafkaClients(KafkaProperties kafka, WorkerSettings settings,
                                          ObjectProvider<MeterRegistry> registry) {
        return new WorkerKafkaClients(KafkaClientConfigs.consumer(kafka.buildConsumerProperties(), settings),
                KafkaClientConfigs.producer(kafka.buildProducerProperties()), registry.getIfAvailable());
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<byte[], byte[]> workerListenerContainerFactory(
            WorkerKafkaClients workerKafkaClients, WorkerSettings settings) {
        ConcurrentKafkaListenerContainerFactory<byte[], byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(workerKafkaClients.consumerFactory());
        factory.setConcurrency(settings.concurrency());
        ContainerProperties container = factory.getContainerProperties();
        // BATCH: one commit per poll (at most max-poll-records records), after every record of the poll has
        // returned, i.e. after its status events were acknowledged. RECORD would commit synchronously per
        // record: ~890 items/s per consumer measured here vs ~22k/s (PITFALLS.md); with max-poll-records 10
        // a crash repeats at most 10 attempts per partition, which at-least-once delivery allows anyway.
        // Failures are not affected: the error handler commits the records before a failed one first.
        container.setAckMode(ContainerProperties.AckMode.BATCH);
        container.setPollTimeout(POLL_TIMEOUT_MS);
        // On shutdown, finish the attempt in progress and stop: the rest of the poll is not started and is
        // redelivered to the partition's next owner, instead of being worked through while the pod terminates.
        container.setStopImmediate(true);
        // Wait for that in-progress attempt: it ends within the provider time limit plus its status sends.
        container.setShutdownTimeout(settings.provider().timeout().plusSeconds(10).toMillis());
        return factory;
    }
}
