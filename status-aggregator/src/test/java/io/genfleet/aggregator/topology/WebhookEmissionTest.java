package io.genfleet.aggregator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.aggregator.webhook.WebhookDelivery;
import io.genfleet.common.item.ItemId;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.status.ItemError;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.webhook.Notify;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which webhook deliveries the aggregator's processor writes, and with which ids. */
class WebhookEmissionTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    private static final ItemError PERMANENT = new ItemError(ErrorType.PERMANENT, "refused");
    private static final Notify BOTH = new Notify("https://hooks.example.com/a",
            List.of("batch.done", "item.failed_permanent"));
    private static final Notify DONE_ONLY = new Notify("https://hooks.example.com/global", List.of("batch.done"));
    private static final ItemId IMAGE = ItemId.of("b-1", "scene_0");
    private static final ItemId OTHER = ItemId.of("b-1", "scene_1");

    @TempDir
    Path stateDir;

    private TopologyFixture fixture;

    @AfterEach
    void stop() {
        fixture.close();
    }

    private TopologyFixture fixture(Notify global) {
        fixture = new TopologyFixture(50, Duration.ofDays(7), T0, stateDir, global);
        return fixture;
    }

    @Test
    void aBatchWithoutNotifyAndNoGlobalReceiverWritesNothing() {
        fixture(null).pipe(StatusEvent.submitted(IMAGE, T0, 1),
                StatusEvent.failedPermanent(IMAGE, 0, 1, T0.plusSeconds(1), PERMANENT));

        assertThat(fixture.summary("b-1").done()).isTrue();
        assertThat(fixture.webhooks()).isEmpty();
    }

    @Test
    void duplicatesWriteEachEventOnceWithIdsDerivedFromWhatHappened() {
        fixture(null).pipe(StatusEvent.submitted(IMAGE, T0, 2, BOTH), StatusEvent.submitted(OTHER, T0, 2, BOTH),
                StatusEvent.complete(IMAGE, 0, 1, T0.plusSeconds(1), "sim://b-1/scene_0/0-1.png"),
                StatusEvent.failedPermanent(OTHER, 0, 4, T0.plusSeconds(2), PERMANENT),
                // duplicates and a late event, as at-least-once delivery and replays produce
                StatusEvent.failedPermanent(OTHER, 0, 4, T0.plusSeconds(2), PERMANENT),
                StatusEvent.complete(IMAGE, 0, 1, T0.plusSeconds(1), "sim://b-1/scene_0/0-1.png"),
                StatusEvent.generating(OTHER, 0, 3, T0.plusMillis(1500)));

        List<KeyValue<String, WebhookDelivery>> written = fixture.webhooks();

        // Expected: scene_1 failed for good (epoch 0), then the batch was done at T0+2s; keyed by batch id.
        assertThat(written).extracting(kv -> kv.key).containsOnly("b-1");
        assertThat(written).extracting(kv -> kv.value.event().id()).containsExactly(
                "b-1/scene_1/item.failed_permanent/0", "b-1/batch.done/" + T0.plusSeconds(2).toEpochMilli());
        assertThat(written).extracting(kv -> kv.value.url()).containsOnly(BOTH.url());
        WebhookDelivery done = written.get(1).value;
        assertThat(done.event().type()).isEqualTo("batch.done");
        assertThat(done.event().createdAt()).isEqualTo(T0.plusSeconds(2));
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) done.event().data();
        assertThat(summary).containsEntry("total", 2).containsEntry("done", true)
                .containsEntry("counts", Map.of("pending", 0, "generating", 0, "complete", 1, "failed", 0,
                        "failed_permanent", 1));
    }

    @Test
    void aBatchReopenedByRetryAndDoneAgainIsANewEventAndTheRetriedEpochFailingIsToo() {
        fixture(null).pipe(StatusEvent.submitted(IMAGE, T0, 1, BOTH),
                StatusEvent.failedPermanent(IMAGE, 0, 4, T0.plusSeconds(1), PERMANENT));
        fixture.webhooks();

        fixture.pipe(StatusEvent.pending(IMAGE, 1, T0.plusSeconds(10)),
                StatusEvent.failedPermanent(IMAGE, 1, 4, T0.plusSeconds(20), PERMANENT));

        assertThat(fixture.webhooks()).extracting(kv -> kv.value.event().id()).containsExactly(
                "b-1/scene_0/item.failed_permanent/1", "b-1/batch.done/" + T0.plusSeconds(20).toEpochMilli());
    }

    @Test
    void theGlobalReceiverGetsItsEventsBesideTheBatchsOwn() {
        fixture(DONE_ONLY).pipe(StatusEvent.submitted(IMAGE, T0, 1, BOTH),
                StatusEvent.failedPermanent(IMAGE, 0, 1, T0.plusSeconds(1), PERMANENT));

        assertThat(fixture.webhooks()).extracting(kv -> kv.value.url() + " " + kv.value.event().type())
                .containsExactly(BOTH.url() + " item.failed_permanent", BOTH.url() + " batch.done",
                        DONE_ONLY.url() + " batch.done");
    }
}
