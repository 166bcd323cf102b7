package io.genfleet.bench.fleet;

import io.genfleet.aggregator.StatusAggregatorModule;
import io.genfleet.producer.ProducerModule;
import io.genfleet.worker.WorkerModule;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The fleet under test: the same three modules in one context as standalone's application (which cannot be
 * a dependency: its main artifact is the repackaged jar), so the benchmark measures the shipped code.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ProducerModule.class, WorkerModule.class, StatusAggregatorModule.class})
public class BenchApplication {
}
