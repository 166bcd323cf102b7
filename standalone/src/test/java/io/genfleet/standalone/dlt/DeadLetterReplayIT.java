package io.genfleet.standalone.dlt;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.Lane;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.topic.ChainHeaders;
import io.genfleet.producer.deadletter.DeadLetter;
import io.genfleet.producer.deadletter.DeadLetterFilter;
import io.genfleet.testing.DeadLetterFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator's replay on the real broker, without a worker: dead letters and status events written as the worker does. */
class DeadLetterReplayIT {

    private static final Duration LEASE = Duration.ofMinutes(5);
    private static DeadLetterFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new DeadLetterFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void replaysOnlyMatchingEligibleDeadLettersOnceAndADryRunWritesNothing() throws Exception {
        String batch = "dr-match";
        fixture.failedPermanent(ItemId.of(batch, "scene_0"), 0, 0, 4, ErrorType.TRANSIENT);
        fixture.failedPermanent(ItemId.of(batch, "scene_1"), 0, 0, 4, ErrorType.TRANSIENT);
        fixture.failedPermanent(ItemId.of(batch, "scene_2"), 0, 0, 1, ErrorType.PERMANENT);
        // Already retried: its dead letter of epoch 0 is history.
        ItemId retried = ItemId.of(batch, "video_scene_0");
        fixture.failedPermanent(retried, 0, 0, 4, ErrorType.TRANSIENT);
        fixture.status(StatusEvent.pending(retried, 1, Instant.now()));
        fixture.status(StatusEvent.complete(retried, 1, 1, Instant.now(), "sim://x"));
        fixture.failedPermanent(ItemId.of("dr-other", "scene_0"), 0, 0, 4, ErrorType.TRANSIENT);
        DeadLetterFilter transientOfBatch = new DeadLetterFilter(Set.of(), batch, ErrorType.TRANSIENT, null, null);

        try (DeadLetterReplay replay = connect()) {
            var before = fixture.endOffsets(fixture.catalog.replayClaims(), fixture.catalog.requests(Lane.IMAGE).name(),
                    fixture.catalog.status().name());
            ReplayReport dry = replay.replay(transientOfBatch, 100, true, new ReplayListener() {
            });
            assertThat(fixture.endOffsets(fixture.catalog.replayClaims(), fixture.catalog.requests(Lane.IMAGE).name(),
                    fixture.catalog.status().name())).as("a dry run writes nothing, not even claims").isEqualTo(before);

            ReplayReport real = replay.replay(transientOfBatch, 100, false, new ReplayListener() {
            });
            ReplayReport again = replay.replay(transientOfBatch, 100, false, new ReplayListener() {
            });

            assertThat(dry.dryRun()).isTrue();
            assertThat(keys(dry.replayed())).containsExactly("scene_0", "scene_1");
            assertThat(dry.matching()).as("the permanent one and the other batch do not match").isEqualTo(3);
            assertThat(dry.skipped()).singleElement().satisfies(skip -> {
                assertThat(skip.letter().itemKey()).isEqualTo("video_scene_0");
                assertThat(skip.reason()).contains("complete at epoch 1");
            });
            assertThat(keys(real.replayed())).containsExactly("scene_0", "scene_1");
            assertThat(again.replayed()).as("a second run replays nothing").isEmpty();
            assertThat(again.skipped()).hasSize(3);
        }
        List<ConsumerRecord<String, byte[]>> requests = fixture.committed(fixture.catalog.requests(Lane.IMAGE).name(), batch);
        assertThat(requests).hasSize(2).allSatisfy(record ->
                assertThat(DeadLetterFixture.header(record, ChainHeaders.REPLAY_SOURCE)).isEqualTo("dlt_replay"));
        assertThat(fixture.requests(Lane.IMAGE, batch)).allSatisfy(request -> {
            assertThat(request.epoch()).isEqualTo(1);
            assertThat(request.priorAttempts()).isEqualTo(4);
            assertThat(request.params()).isEqualTo(DeadLetterFixture.PARAMS);
            assertThat(request.imageUri()).isEqualTo(DeadLetterFixture.IMAGE_URI);
        });
        assertThat(fixture.requests(Lane.IMAGE, "dr-other")).as("another batch is untouched").isEmpty();
        assertThat(fixture.statusEvents(batch).stream().filter(e -> e.status() == ItemStatus.PENDING && e.epoch() == 1)
                .map(e -> e.itemKey()).toList()).containsExactlyInAnyOrder("scene_0", "scene_1", "video_scene_0");
    }

    @Test
    void twoConcurrentRunsReplayEachDeadLetterOnce() throws Exception {
        String batch = "dr-race";
        for (int i = 0; i < 6; i++) {
            fixture.failedPermanent(ItemId.of(batch, "scene_" + i), 0, 0, 4, ErrorType.TIMEOUT);
        }
        DeadLetterFilter filter = new DeadLetterFilter(Set.of(Lane.IMAGE), batch, null, null, null);
        CountDownLatch go = new CountDownLatch(1);

        List<CompletableFuture<ReplayReport>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try (DeadLetterReplay replay = connect()) {
                    go.await();
                    return replay.replay(filter, 1000, false, new ReplayListener() {
                    });
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        go.countDown();
        int replayed = 0;
        for (CompletableFuture<ReplayReport> run : runs) {
            replayed += run.get().replayed().size();
        }

        // Expected: 6 in total, whichever run did which; exactly one epoch-1 request per item on the lane.
        assertThat(replayed).isEqualTo(6);
        List<GenerationRequest> requests = fixture.requests(Lane.IMAGE, batch);
        assertThat(requests).hasSize(6);
        assertThat(requests.stream().map(GenerationRequest::itemKey).distinct()).hasSize(6);
    }

    @Test
    void theRateThrottlesTheReplayAndProgressIsReported() throws Exception {
        String batch = "dr-rate";
        for (int i = 0; i < 6; i++) {
            fixture.failedPermanent(ItemId.of(batch, "scene_" + i), 0, 0, 4, ErrorType.RATE_LIMITED);
        }
        List<String> progress = new ArrayList<>();
        long started = System.nanoTime();

        try (DeadLetterReplay replay = connect()) {
            ReplayReport report = replay.replay(new DeadLetterFilter(Set.of(), batch, null, null, null), 4, false,
                    new ReplayListener() {
                        @Override
                        public void progress(int done, int total, double perSecond) {
                            progress.add(done + "/" + total);
                        }
                    });
            assertThat(report.replayed()).hasSize(6);
        }

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("replay of 6 dead letters at 4/s took %d ms%n", took.toMillis());
        // Chunks of 4 per second: the second chunk waits for the first second to end.
        assertThat(progress).containsExactly("4/6", "6/6");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    private static DeadLetterReplay connect() {
        return DeadLetterReplay.connect(DeadLetterFixture.clientProperties(), fixture.catalog, LEASE, DeadLetterFixture.TIMEOUT);
    }

    private static List<String> keys(List<DeadLetter> letters) {
        return letters.stream().map(DeadLetter::itemKey).toList();
    }
}
