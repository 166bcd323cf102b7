package io.genfleet.bench.fleet;

import io.genfleet.producer.ProducerModule;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * A producer process alone, as one producer pod of a deployed fleet: it accepts submissions and writes them to
 * Kafka, and no worker or aggregator shares its CPUs.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ProducerModule.class)
public class ProducerOnlyApplication {
}
