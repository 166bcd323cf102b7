package io.genfleet.standalone.fleet;

import io.genfleet.aggregator.StatusAggregatorModule;
import io.genfleet.producer.ProducerModule;
import io.genfleet.standalone.console.ConsoleModule;
import io.genfleet.worker.WorkerModule;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The whole fleet in one Spring context: producer, both worker lanes and the aggregator, serving the
 * full HTTP API and the console on one port. Deliberately no component scan: each service brings its own module.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ProducerModule.class, WorkerModule.class, StatusAggregatorModule.class, ConsoleModule.class})
public class StandaloneApplication {
}
