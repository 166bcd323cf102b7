package io.genfleet.aggregator.topology;

import io.genfleet.aggregator.topology.codec.CompactStoreSerde;
import io.genfleet.common.json.JsonSerde;
import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ItemState;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The queryable stores of the aggregator, with the serdes of their keys and values. */
public final class AggregatorStores {

    /** Item states keyed by item id {@code {batchId}/{itemKey}}; a batch's items share the prefix {@code batchId/}. */
    public static final String ITEMS = "genfleet-items";
    /** Batch summaries keyed by batch id. */
    public static final String BATCHES = "genfleet-batches";

    /**
     * Each batch's webhook receiver ({@code notify} of its storyboard) and the time of its last progress event
     * ({@link BatchWebhookState}), keyed by batch id; only for batches with a receiver of their own or of progress.
     */
    public static final String WEBHOOK_RECEIVERS = "genfleet-webhook-receivers";

    public static final Serde<String> KEY_SERDE = Serdes.String();
    public static final Serde<ItemState> ITEM_SERDE = CompactStoreSerde.itemStates();
    public static final Serde<BatchSummary> SUMMARY_SERDE = CompactStoreSerde.batchSummaries();
    static final Serde<BatchWebhookState> WEBHOOK_STATE_SERDE = JsonSerde.unversioned(BatchWebhookState.class);

    private AggregatorStores() {
    }

    /** The key prefix shared by every item of a batch (batch ids never contain '/'). */
    public static String itemPrefix(String batchId) {
        return batchId + "/";
    }
}
