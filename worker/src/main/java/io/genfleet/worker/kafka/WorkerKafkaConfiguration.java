package io.genfleet.worker.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The worker's Kafka clients: one consumer per topic loop, one producer for everything it writes. */
@Configuration(proxyBeanMethods = false)
class WorkerKafkaConfiguration {

    @Bean(destroyMethod = "close")
    WorkerKafkaClients workerKafkaClients(KafkaProperties kafka, ObjectProvider<MeterRegistry> registry) {
        return new WorkerKafkaClients(KafkaClientConfigs.consumer(kafka.buildConsumerProperties()),
                KafkaClientConfigs.producer(kafka.buildProducerProperties()), registry.getIfAvailable());
    }
}
