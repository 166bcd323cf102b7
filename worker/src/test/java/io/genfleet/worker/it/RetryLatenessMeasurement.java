package io.genfleet.worker.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.Lane;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.testing.TestKafka;
import io.genfleet.worker.WorkerApplication;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A measurement, not part of {@code verify} (its name matches no test pattern): a batch with a 30% failure
 * rate per attempt through the default delays, reporting retry lateness percentiles and drain time. Run with
 * {@code ./mvnw -B verify -pl worker -Dit.test=RetryLatenessMeasurement -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@SpringBootTest(classes = WorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "genfleet.topics.partitions=6",
                "genfleet.worker.lanes=image",
                "genfleet.worker.provider.latency-min=10ms",
                "genfleet.worker.provider.latency-max=50ms",
                "genfleet.worker.provider.failure-rate=0.3"})
@DirtiesContext
class RetryLatenessMeasurement {

    private static final int ITEMS = Integer.getInteger("genfleet.measure.items", 600);

    @Autowired
    TopicCatalog catalog;
    @Autowired
    ApplicationContext context;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("genfleet.topics.prefix", () -> TestTopics.uniquePrefix("measure"));
    }

    @Test
    void measureRetryLatenessAndDrainTime() {
        TestTopics.awaitFullAssignment(context, 6);
        String batchId = "measure-" + UUID.randomUUID().toString().substring(0, 8);
        List<ItemId> items = IntStream.range(0, ITEMS).mapToObj(i -> ItemId.of(batchId, "scene_" + i)).toList();
        List<byte[][]> records = items.stream().map(id -> new byte[][] {id.toString().getBytes(StandardCharsets.UTF_8),
                catalog.requests(Lane.IMAGE).valueSerde().serializer().serialize("",
                        GenerationRequest.first(id, "p", null, Instant.now()))}).toList();
        Instant start = Instant.now();
        TestTopics.publishAll(catalog.requests(Lane.IMAGE).name(), records);
        try (StatusLog status = new StatusLog(catalog)) {
            status.awaitUntil("every item is terminal", Duration.ofMinutes(5),
                    log -> items.stream().allMatch(log::terminal));
            Duration drain = Duration.between(start, Instant.now());
            List<Long> lateness = new ArrayList<>();
            int dead = 0;
            for (ItemId id : items) {
                List<StatusEvent> events = status.of(id);
                for (int i = 0; i + 1 < events.size(); i++) {
                    if (events.get(i).status() == ItemStatus.FAILED) {
                        Duration planned = catalog.delayAfter(events.get(i).attempt()).orElseThrow();
                        lateness.add(Duration.between(events.get(i).at(), events.get(i + 1).at()).minus(planned).toMillis());
                    }
                }
                dead += events.get(events.size() - 1).status() == ItemStatus.FAILED_PERMANENT ? 1 : 0;
            }
            List<Long> sorted = lateness.stream().sorted().toList();
            Instant firstAttemptsDone = items.stream().flatMap(id -> status.of(id).stream())
                    .filter(e -> e.attempt() == 1 && e.status() != ItemStatus.GENERATING)
                    .map(StatusEvent::at).max(Instant::compareTo).orElseThrow();
            System.out.printf("first attempts of all items done after %d ms%n",
                    Duration.between(start, firstAttemptsDone).toMillis());
            System.out.printf("%d items, %d retries, %d dead; drain %d ms; retry lateness ms: min %d p50 %d p95 %d "
                            + "p99 %d max %d; early %d%n", ITEMS, sorted.size(), dead, drain.toMillis(), sorted.get(0),
                    pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted.get(sorted.size() - 1),
                    sorted.stream().filter(ms -> ms < 0).count());
            assertThat(sorted.get(0)).as("never early").isGreaterThanOrEqualTo(0);
        }
    }

    private static long pct(List<Long> sorted, int percentile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }
}
