package io.genfleet.producer.requeue;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.Lane;
import io.genfleet.common.metrics.GenfleetMeter;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.DeadLetterRef;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.topic.ChainHeaders;
import io.genfleet.producer.claim.ClaimLedger;
import io.genfleet.producer.claim.ClaimLog;
import io.genfleet.producer.claim.Claimer;
import io.genfleet.producer.deadletter.DeadLetterReader;
import io.genfleet.testing.DeadLetterFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kafka half of retry-failed on the real broker: what one requeue writes, and what a repeated one does not. */
class KafkaRequeuerIT {

    private static DeadLetterFixture fixture;
    private static RequeueWriter writer;
    private static KafkaRequeuer requeuer;
    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();

    @BeforeAll
    static void start() {
        fixture = new DeadLetterFixture();
        writer = RequeueWriter.create(DeadLetterFixture.clientProperties(), fixture.catalog, "requeuer-it-", 2, METERS);
        ClaimLog claims = new ClaimLog(DeadLetterFixture.clientProperties(), fixture.catalog.replayClaims(),
                new ClaimLedger(Duration.ofMinutes(5)));
        requeuer = new KafkaRequeuer(new Claimer(writer, claims, DeadLetterFixture.TIMEOUT),
                new DeadLetterReader(DeadLetterFixture.clientProperties(), fixture.catalog), writer, DeadLetterFixture.TIMEOUT);
    }

    @AfterAll
    static void stop() {
        writer.close();
        fixture.close();
    }

    @Test
    void requeuesEachItemOnceWithTheNextEpochItsPendingEventAndProvenance() {
        String batch = "rq-once";
        List<Requeuer.Candidate> candidates = List.of(
                candidate(ItemId.of(batch, "scene_0"), 0, 4),
                candidate(ItemId.of(batch, "scene_1"), 0, 4),
                candidate(ItemId.of(batch, "video_scene_0"), 0, 4));

        Requeuer.Outcome outcome = requeuer.requeue(candidates);
        // The aggregator lags behind: a repeated call still sees the items failed_permanent at epoch 0.
        Requeuer.Outcome repeated = requeuer.requeue(candidates);

        assertThat(outcome.requeued()).extracting(ItemId::toString)
                .containsExactly("rq-once/scene_0", "rq-once/scene_1", "rq-once/video_scene_0");
        assertThat(outcome.skipped()).isEmpty();
        assertThat(repeated.requeued()).isEmpty();
        assertThat(repeated.skipped()).hasSize(3).allSatisfy(skip -> assertThat(skip.reason()).contains("already claimed"));
        // Exactly one request of epoch 1 per item (none from the repeated call), with the epoch-0 attempts carried.
        List<ConsumerRecord<String, byte[]>> images = fixture.committed(fixture.catalog.requests(Lane.IMAGE).name(), batch);
        assertThat(images).hasSize(2);
        assertThat(fixture.requests(Lane.VIDEO, batch)).hasSize(1);
        GenerationRequest next = fixture.catalog.requests(Lane.IMAGE).valueSerde().deserializer()
                .deserialize(images.get(0).topic(), images.get(0).value());
        assertThat(next.epoch()).isEqualTo(1);
        assertThat(next.priorAttempts()).isEqualTo(4);
        assertThat(next.prompt()).startsWith("prompt of scene_");
        assertThat(next.simulate().failTimesOrZero()).isEqualTo(100);
        assertThat(next.params()).isEqualTo(DeadLetterFixture.PARAMS);
        assertThat(next.imageUri()).isEqualTo(DeadLetterFixture.IMAGE_URI);
        ConsumerRecord<String, byte[]> record = images.get(0);
        assertThat(DeadLetterFixture.header(record, ChainHeaders.REPLAYED_FROM))
                .isEqualTo(candidates.stream().filter(c -> c.item().toString().equals(record.key())).findFirst()
                        .orElseThrow().deadLetter().toString());
        assertThat(DeadLetterFixture.header(record, ChainHeaders.REPLAY_ID)).isEqualTo(outcome.replayId());
        assertThat(DeadLetterFixture.header(record, ChainHeaders.REPLAY_SOURCE)).isEqualTo("retry_failed");
        assertThat(DeadLetterFixture.header(record, ChainHeaders.REPLAYED_AT)).matches("\\d{4}-.*T.*\\.\\d{3}Z");
        List<StatusEvent> pending = fixture.statusEvents(batch).stream()
                .filter(e -> e.status() == ItemStatus.PENDING && e.epoch() == 1).toList();
        assertThat(pending).hasSize(3).allSatisfy(e -> assertThat(e.attempt()).isEqualTo(1));
        assertThat(METERS.get(GenfleetMeter.ITEMS_REQUEUED.meterName()).tag("source", "retry_failed").counter().count())
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void anUnusableDeadLetterIsSkippedAndItsClaimReleased() {
        ItemId item = ItemId.of("rq-missing", "scene_0");
        Requeuer.Candidate real = candidate(item, 0, 4);
        DeadLetterRef beyond = new DeadLetterRef(real.deadLetter().topic(), real.deadLetter().partition(),
                real.deadLetter().offset() + 1_000);
        Requeuer.Candidate wrongEpoch = new Requeuer.Candidate(item, 1, 4, real.deadLetter());

        Requeuer.Outcome missing = requeuer.requeue(List.of(new Requeuer.Candidate(item, 0, 4, beyond)));
        Requeuer.Outcome mismatch = requeuer.requeue(List.of(wrongEpoch));
        Requeuer.Outcome afterRelease = requeuer.requeue(List.of(real));

        assertThat(missing.requeued()).isEmpty();
        assertThat(missing.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).contains("no longer in the topic"));
        assertThat(mismatch.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).contains("is of epoch 0"));
        // The first claim of epoch 1 was released, so the right dead letter can still be requeued.
        assertThat(afterRelease.requeued()).containsExactly(item);
    }

    private static Requeuer.Candidate candidate(ItemId item, int epoch, int attempts) {
        DeadLetterRef ref = fixture.failedPermanent(item, epoch, 0, attempts, ErrorType.TRANSIENT);
        return new Requeuer.Candidate(item, epoch, attempts, ref);
    }
}
