package io.genfleet.aggregator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.aggregator.webhook.WebhookDelivery;
import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.webhook.Notify;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Progress events skip the receivers store while no batch wants them; what a restarted aggregator finds in its
 * restored store must still count, or progress would stop after every restart.
 */
class WebhookEmitterStartTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    private static final Notify PROGRESS = new Notify("https://hooks.example.com/a",
            List.of("batch.done", "batch.progress"));

    private final List<WebhookDelivery> emitted = new ArrayList<>();
    private KeyValueStore<String, BatchWebhookState> receivers;

    @BeforeEach
    void store() {
        receivers = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(AggregatorStores.WEBHOOK_RECEIVERS),
                Serdes.String(), AggregatorStores.WEBHOOK_STATE_SERDE).withLoggingDisabled().build();
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        receivers.init(context.getStateStoreContext(), receivers);
    }

    private WebhookEmitter emitter() {
        return new WebhookEmitter(receivers, null, Duration.ofSeconds(10), (batchId, delivery) -> emitted.add(delivery));
    }

    private static BatchSummary running(String batchId) {
        return new BatchSummary(batchId, 2, Map.of(ItemStatus.PENDING, 1, ItemStatus.COMPLETE, 1), 0, T0, T0, null, 2);
    }

    @Test
    void aReceiverFoundInTheStoreAtStartStillGetsProgress() {
        // As restored after a restart: the batch's receiver is in the store, no event of this run carried it.
        receivers.put("b-1", BatchWebhookState.of(PROGRESS));

        emitter().summaryChanged(running("b-1"));

        assertThat(emitted).extracting(delivery -> delivery.event().id())
                .containsExactly("b-1/batch.progress/" + T0.toEpochMilli());
    }

    @Test
    void withoutAnyProgressReceiverNothingIsEmitted() {
        receivers.put("b-2", BatchWebhookState.of(new Notify("https://hooks.example.com/a", List.of("batch.done"))));

        WebhookEmitter emitter = emitter();
        emitter.summaryChanged(running("b-1"));
        emitter.summaryChanged(running("b-2"));

        assertThat(emitted).isEmpty();
    }
}
