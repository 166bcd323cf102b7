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

/** The opt-in {@code batch.progress} webhook: throttled by event time, never while done, ids from what happened. */
class ProgressWebhookTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final Notify PROGRESS = new Notify("https://hooks.example.com/a",
            List.of("batch.done", "batch.progress"));
    private static final Notify DONE_ONLY = new Notify("https://hooks.example.com/a", List.of("batch.done"));
    private static final ItemId A = ItemId.of("b-1", "scene_0");
    private static final ItemId B = ItemId.of("b-1", "scene_1");

    @TempDir
    Path stateDir;

    private TopologyFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private TopologyFixture fixture(Notify global) {
        fixture = new TopologyFixture(50, Duration.ofDays(7), T0, stateDir, global, INTERVAL);
        return fixture;
    }

    private static List<String> ids(List<KeyValue<String, WebhookDelivery>> written) {
        return written.stream().map(kv -> kv.value.event().id()).toList();
    }

    private static String progressId(Instant at) {
        return "b-1/batch.progress/" + at.toEpochMilli();
    }

    @Test
    void atMostOneProgressEventPerIntervalOfEventTime() {
        fixture(null).pipe(StatusEvent.submitted(A, T0, 2, PROGRESS), StatusEvent.submitted(B, T0, 2, PROGRESS),
                StatusEvent.generating(A, 0, 1, T0.plusSeconds(3)),
                StatusEvent.generating(B, 0, 1, T0.plusSeconds(9)),
                StatusEvent.complete(A, 0, 1, T0.plusSeconds(10), "sim://b-1/scene_0/0-1.png"),
                StatusEvent.failed(B, 0, 1, T0.plusSeconds(15), new ItemError(ErrorType.TRANSIENT, "busy"),
                        T0.plusSeconds(17)),
                StatusEvent.generating(B, 0, 2, T0.plusSeconds(21)));

        // Expected: the first change (T0) reports; T0+3s and T0+9s are within 10 s of it; T0+10s is 10 s after it and
        // reports; T0+15s is within 10 s of that; T0+21s is 11 s after it and reports.
        List<KeyValue<String, WebhookDelivery>> written = fixture.webhooks();
        assertThat(ids(written)).containsExactly(progressId(T0), progressId(T0.plusSeconds(10)),
                progressId(T0.plusSeconds(21)));
        assertThat(written).extracting(kv -> kv.key).containsOnly("b-1");
        WebhookDelivery second = written.get(1).value;
        assertThat(second.url()).isEqualTo(PROGRESS.url());
        assertThat(second.event().type()).isEqualTo("batch.progress");
        assertThat(second.event().createdAt()).isEqualTo(T0.plusSeconds(10));
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) second.event().data();
        assertThat(summary).containsEntry("total", 2).containsEntry("done", false)
                .containsEntry("counts", Map.of("pending", 0, "generating", 1, "complete", 1, "failed", 0,
                        "failed_permanent", 0));
    }

    @Test
    void noProgressOnceTheBatchIsDoneUntilItIsReopened() {
        fixture(null).pipe(StatusEvent.submitted(A, T0, 1, PROGRESS),
                StatusEvent.failedPermanent(A, 0, 4, T0.plusSeconds(30), new ItemError(ErrorType.PERMANENT, "no")),
                // late events of the done epoch change nothing
                StatusEvent.generating(A, 0, 2, T0.plusSeconds(40)));

        // Expected: progress at T0, then the transition to done reports batch.done and no progress.
        assertThat(ids(fixture.webhooks())).containsExactly(progressId(T0),
                "b-1/batch.done/" + T0.plusSeconds(30).toEpochMilli());

        // Reopened by retry-failed (epoch 1): progress again, then done again.
        fixture.pipe(StatusEvent.pending(A, 1, T0.plusSeconds(50)),
                StatusEvent.complete(A, 1, 1, T0.plusSeconds(70), "sim://b-1/scene_0/1-1.png"));
        assertThat(ids(fixture.webhooks())).containsExactly(progressId(T0.plusSeconds(50)),
                "b-1/batch.done/" + T0.plusSeconds(70).toEpochMilli());
    }

    @Test
    void aDuplicateEventWritesNoSecondProgressEvent() {
        StatusEvent generating = StatusEvent.generating(A, 0, 1, T0.plusSeconds(20));
        fixture(null).pipe(StatusEvent.submitted(A, T0, 2, PROGRESS), StatusEvent.submitted(B, T0, 2, PROGRESS),
                generating, generating, StatusEvent.submitted(A, T0, 2, PROGRESS));

        // Expected: T0 and T0+20s; the duplicates leave the summary as it is, so nothing more is written.
        assertThat(ids(fixture.webhooks())).containsExactly(progressId(T0), progressId(T0.plusSeconds(20)));
    }

    @Test
    void theLastProgressTimeIsKeptWithTheReceiverInItsChangeloggedStore() {
        fixture(null).pipe(StatusEvent.submitted(A, T0, 2, PROGRESS), StatusEvent.submitted(B, T0, 2, PROGRESS),
                StatusEvent.generating(A, 0, 1, T0.plusSeconds(12)));

        // Kept in the store the restore brings back (and in the same transaction as the record), so a restarted
        // aggregator throttles from the last event it wrote, not from scratch.
        assertThat(fixture.driver.<String, BatchWebhookState>getKeyValueStore(AggregatorStores.WEBHOOK_RECEIVERS)
                .get("b-1")).isEqualTo(new BatchWebhookState(PROGRESS.url(), PROGRESS.events(), T0.plusSeconds(12)));
    }

    @Test
    void anEntryStoredBeforeProgressEventsExistedReadsAsTheReceiver() {
        byte[] old = "{\"url\":\"https://hooks.example.com/a\",\"events\":[\"batch.done\"]}".getBytes();

        BatchWebhookState read = AggregatorStores.WEBHOOK_STATE_SERDE.deserializer().deserialize("t", old);

        assertThat(read.own()).isEqualTo(DONE_ONLY);
        assertThat(read.lastProgressAt()).isNull();
    }

    @Test
    void onlyReceiversThatOptedInGetProgress() {
        fixture(new Notify("https://hooks.example.com/global", List.of("batch.progress")))
                .pipe(StatusEvent.submitted(A, T0, 1, DONE_ONLY), StatusEvent.submitted(ItemId.of("b-2", "scene_0"),
                        T0, 1));

        assertThat(fixture.webhooks()).extracting(kv -> kv.value.url() + " " + kv.value.event().id())
                .containsExactly("https://hooks.example.com/global " + progressId(T0),
                        "https://hooks.example.com/global b-2/batch.progress/" + T0.toEpochMilli());
    }

    @Test
    void aBatchWithoutAProgressReceiverKeepsNoWebhookState() {
        fixture(null).pipe(StatusEvent.submitted(ItemId.of("b-2", "scene_0"), T0, 1),
                StatusEvent.generating(ItemId.of("b-2", "scene_0"), 0, 1, T0.plusSeconds(30)));

        assertThat(fixture.webhooks()).isEmpty();
        assertThat(fixture.driver.<String, BatchWebhookState>getKeyValueStore(AggregatorStores.WEBHOOK_RECEIVERS)
                .get("b-2")).isNull();
    }
}
