package io.genfleet.worker.it;

import io.genfleet.worker.WorkerApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * {@link RetryFlowIT} with the async worker: the same events in the same order, the same delays (never
 * early), the same dead letters with the same headers, and the same consumer group per topic.
 */
@SpringBootTest(classes = WorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "genfleet.worker.mode=async",
                "genfleet.topics.partitions=" + RetryFlowIT.PARTITIONS,
                "genfleet.worker.concurrency=1",
                "genfleet.worker.provider.latency-min=20ms",
                "genfleet.worker.provider.latency-max=20ms",
                "genfleet.worker.provider.timeout=5s"})
@DirtiesContext
class AsyncRetryFlowIT extends RetryFlowIT {
}
