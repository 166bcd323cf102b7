package io.genfleet.bench.fleet;

import io.genfleet.worker.WorkerModule;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * A worker process alone, as one worker pod of a deployed fleet: requests are published straight to the lane
 * topic and results read from the status topic, so no producer or aggregator shares its CPUs.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(WorkerModule.class)
public class WorkerOnlyApplication {
}
