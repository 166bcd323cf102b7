package io.genfleet.worker.it;

import io.genfleet.worker.WorkerApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** {@link PoisonRecordIT} with the async worker: unreadable records reach the dead-letter topic the same way. */
@SpringBootTest(classes = WorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "genfleet.worker.mode=async",
                "genfleet.worker.lanes=image",
                "genfleet.topics.partitions=" + PoisonRecordIT.PARTITIONS,
                "genfleet.worker.provider.latency-min=10ms",
                "genfleet.worker.provider.latency-max=10ms"})
@DirtiesContext
class AsyncPoisonRecordIT extends PoisonRecordIT {
}
