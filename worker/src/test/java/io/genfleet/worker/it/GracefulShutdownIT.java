package io.genfleet.worker.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.Lane;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.request.Simulation;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.testing.TestKafka;
import io.genfleet.worker.WorkerApplication;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stopping a worker lets the attempt in progress finish and report, and a restarted worker neither repeats
 * it nor loses the request that was still waiting: each item is generated exactly once across the restart.
 */
class GracefulShutdownIT {

    private final String prefix = TestTopics.uniquePrefix("shutdown");
    private final TopicCatalog catalog = new TopicCatalog(prefix, List.of(Duration.ofSeconds(2),
            Duration.ofSeconds(4), Duration.ofSeconds(8)));

    private ConfigurableApplicationContext startWorker() {
        // Command-line arguments: they take precedence over the worker's application.yml.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WorkerApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                        "--genfleet.topics.prefix=" + prefix,
                        "--genfleet.topics.partitions=1",
                        "--genfleet.worker.lanes=image",
                        "--genfleet.worker.provider.latency-min=10ms",
                        "--genfleet.worker.provider.latency-max=10ms");
        TestTopics.awaitFullAssignment(context, 1);
        return context;
    }

    private void publish(ItemId id, Simulation simulation) {
        GenerationRequest request = GenerationRequest.first(id, "a prompt", simulation, Instant.now());
        TestTopics.publish(catalog.requests(Lane.IMAGE).name(), 0, id.toString().getBytes(StandardCharsets.UTF_8),
                catalog.requests(Lane.IMAGE).valueSerde().serializer().serialize("", request));
    }

    @Test
    void theAttemptInProgressFinishesAndNothingIsRepeatedAfterARestart() {
        String batchId = "shutdown-" + UUID.randomUUID().toString().substring(0, 8);
        ItemId slow = ItemId.of(batchId, "scene_0");
        ItemId waiting = ItemId.of(batchId, "scene_1");
        ConfigurableApplicationContext first = startWorker();
        try (StatusLog status = new StatusLog(catalog)) {
            publish(slow, new Simulation(null, null, 3_000));
            status.awaitUntil("the slow item is being generated", Duration.ofSeconds(30),
                    log -> !log.of(slow).isEmpty());
            publish(waiting, null);

            long stopping = System.nanoTime();
            first.close();
            Duration stop = Duration.ofNanos(System.nanoTime() - stopping);
            status.awaitUntil("the slow item's completion, published before the worker stopped",
                    Duration.ofSeconds(5), log -> log.terminal(slow));
            System.out.printf("Worker stopped in %d ms, after finishing a 3000 ms generation in progress%n",
                    stop.toMillis());

            ConfigurableApplicationContext second = startWorker();
            try {
                status.awaitUntil("the waiting item completes on the restarted worker", Duration.ofSeconds(30),
                        log -> log.terminal(waiting));
                // Expected: each item generating#1, complete#1 exactly once; a repeated attempt would show twice.
                status.poll();
                long duplicates = status.all().size() - status.all().stream().distinct().count();
                System.out.printf("Status events across the restart: %d, exact duplicates: %d%n",
                        status.all().size(), duplicates);
                for (ItemId id : List.of(slow, waiting)) {
                    assertThat(status.of(id)).extracting(StatusEvent::status).as("%s across the restart", id)
                            .containsExactly(ItemStatus.GENERATING, ItemStatus.COMPLETE);
                }
            } finally {
                second.close();
            }
        }
    }
}
