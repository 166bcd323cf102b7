package io.genfleet.worker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.Lane;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.request.Simulation;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.testing.TestKafka;
import io.genfleet.worker.WorkerApplication;
import io.genfleet.worker.inflight.LaneLoops;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The async worker against a real broker: generations outlive {@code max.poll.interval.ms} without a rebalance,
 * more of them run at once than there are partitions (up to the in-flight limit, never above it), and a
 * partition's committed offset never passes a record that is still running.
 */
class InFlightWorkerIT {

    private static final int PARTITIONS = 2;
    /** Far below a generation in the first test; the consumer must keep polling to stay in the group. */
    private static final int MAX_POLL_INTERVAL_MS = 3_000;

    private final String prefix = TestTopics.uniquePrefix("async");
    private final TopicCatalog catalog = new TopicCatalog(prefix, List.of(Duration.ofSeconds(2),
            Duration.ofSeconds(4), Duration.ofSeconds(8)));
    private final String batchId = "async-" + UUID.randomUUID().toString().substring(0, 8);
    private ConfigurableApplicationContext worker;

    private LaneLoops startWorker(int maxInFlight) {
        worker = new SpringApplicationBuilder(WorkerApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                        "--genfleet.topics.prefix=" + prefix,
                        "--genfleet.topics.partitions=" + PARTITIONS,
                        "--genfleet.worker.lanes=image",
                        "--genfleet.worker.max-in-flight=" + maxInFlight,
                        "--genfleet.worker.provider.latency-min=0ms",
                        "--genfleet.worker.provider.latency-max=0ms",
                        "--spring.kafka.consumer.properties.max.poll.interval.ms=" + MAX_POLL_INTERVAL_MS);
        TestTopics.awaitFullAssignment(worker, PARTITIONS);
        return worker.getBean(LaneLoops.class);
    }

    @AfterEach
    void stopWorker() {
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void aGenerationLongerThanMaxPollIntervalCompletesOnceWithoutARebalance() {
        LaneLoops lanes = startWorker(10);
        int revocationsBefore = lanes.revocations();
        ItemId slow = ItemId.of(batchId, "scene_0");
        // 9 s: three times max.poll.interval.ms; a consumer blocked that long would be sent out of its group.
        RecordMetadata position = publish(slow, 0, new Simulation(null, null, 9_000));
        try (StatusLog status = new StatusLog(catalog)) {
            status.awaitUntil("the slow item completes", Duration.ofSeconds(60), log -> log.terminal(slow));
            // Expected: one attempt, reported once; a rebalance would have restarted it (generating#1 twice).
            assertThat(status.of(slow)).extracting(e -> e.status() + "#" + e.attempt())
                    .containsExactly("generating#1", "complete#1");
            Duration generation = Duration.between(status.of(slow).get(0).at(), status.of(slow).get(1).at());
            assertThat(generation).as("the generation outlived max.poll.interval.ms")
                    .isGreaterThan(Duration.ofMillis(MAX_POLL_INTERVAL_MS));
        }
        assertThat(lanes.revocations()).as("partitions revoked while the generation ran")
                .isEqualTo(revocationsBefore);
        await().alias("the slow record's offset is committed").atMost(Duration.ofSeconds(10))
                .until(() -> committed(0), offset -> offset == position.offset() + 1);
    }

    @Test
    void moreGenerationsRunAtOnceThanPartitionsUpToTheInFlightLimitAndEachOnce() {
        int limit = 40;
        LaneLoops lanes = startWorker(limit);
        List<ItemId> items = IntStream.range(0, 120).mapToObj(i -> ItemId.of(batchId, "scene_" + i)).toList();
        AtomicInteger peak = new AtomicInteger();
        TestTopics.publishAll(catalog.requests(Lane.IMAGE).name(),
                items.stream().map(id -> keyAndValue(id, new Simulation(null, null, 1_000))).toList());
        try (StatusLog status = new StatusLog(catalog)) {
            status.awaitUntil("every item completes", Duration.ofSeconds(60), log -> {
                peak.accumulateAndGet(lanes.inFlight(), Math::max);
                return items.stream().allMatch(log::terminal);
            });
            System.out.printf("Peak generations in flight: %d (limit %d, %d partitions)%n", peak.get(), limit,
                    PARTITIONS);
            assertThat(peak.get()).as("generations in flight at once, sampled")
                    .isGreaterThan(PARTITIONS * 5).isLessThanOrEqualTo(limit);
            assertThat(maxOverlap(status, items)).as("attempts overlapping in time, from their events")
                    .isGreaterThan(PARTITIONS * 5).isLessThanOrEqualTo(limit);
            for (ItemId id : items) {
                assertThat(status.of(id)).extracting(e -> e.status() + "#" + e.attempt()).as("%s", id)
                        .containsExactly("generating#1", "complete#1");
            }
        }
    }

    @Test
    void theCommittedOffsetNeverPassesARecordStillRunning() {
        startWorker(100);
        ItemId slow = ItemId.of(batchId, "scene_0");
        // 15 s: the 20 fast records behind it on the same partition are long done by then, even on a busy machine.
        RecordMetadata slowPosition = publish(slow, 0, new Simulation(null, null, 15_000));
        List<ItemId> fast = IntStream.range(1, 21).mapToObj(i -> ItemId.of(batchId, "scene_" + i)).toList();
        long lastOffset = TestTopics.publishAll(catalog.requests(Lane.IMAGE).name(), 0,
                fast.stream().map(id -> keyAndValue(id, null)).toList()).stream()
                .mapToLong(RecordMetadata::offset).max().orElseThrow();
        try (StatusLog status = new StatusLog(catalog)) {
            status.awaitUntil("the fast items behind the slow one complete", Duration.ofSeconds(30),
                    log -> fast.stream().allMatch(log::terminal));
            assertThat(status.terminal(slow)).as("the slow item is still running").isFalse();
            // Expected: the partition's committed offset stays at the slow record (the next to read after a
            // crash), although the 20 records after it are done.
            await().alias("the committed offset stays at the running record").during(Duration.ofMillis(600))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> committed(0), offset -> offset == slowPosition.offset());
            status.awaitUntil("the slow item completes", Duration.ofSeconds(30), log -> log.terminal(slow));
        }
        await().alias("then the offset moves past all of them").atMost(Duration.ofSeconds(10))
                .until(() -> committed(0), offset -> offset == lastOffset + 1);
    }

    private RecordMetadata publish(ItemId id, Integer partition, Simulation simulation) {
        byte[][] record = keyAndValue(id, simulation);
        return TestTopics.publish(catalog.requests(Lane.IMAGE).name(), partition, record[0], record[1]);
    }

    private byte[][] keyAndValue(ItemId id, Simulation simulation) {
        GenerationRequest request = GenerationRequest.first(id, "a prompt", simulation, Instant.now());
        return new byte[][] {id.toString().getBytes(StandardCharsets.UTF_8),
                catalog.requests(Lane.IMAGE).valueSerde().serializer().serialize("", request)};
    }

    /** The lane group's committed offset of a lane-topic partition; -1 when none. */
    private long committed(int partition) {
        TopicPartition topicPartition = new TopicPartition(catalog.requests(Lane.IMAGE).name(), partition);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets("genfleet-worker-image")
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS).get(topicPartition);
            return offset == null ? -1 : offset.offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the committed offsets", e);
        }
    }

    /** The most attempts running at one time, each from its generating to its complete event. */
    private static int maxOverlap(StatusLog status, List<ItemId> items) {
        List<long[]> edges = new ArrayList<>();
        for (ItemId id : items) {
            List<StatusEvent> events = status.of(id);
            edges.add(new long[] {events.get(0).at().toEpochMilli(), 1});
            edges.add(new long[] {events.get(events.size() - 1).at().toEpochMilli(), -1});
        }
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int running = 0;
        int peak = 0;
        for (long[] edge : edges) {
            running += (int) edge[1];
            peak = Math.max(peak, running);
        }
        return peak;
    }
}
