package io.genfleet.aggregator.query;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ItemState;
import java.util.List;
import java.util.Optional;

/**
 * Reads the aggregator's stores. Every method throws {@link StatusUnavailableException} while the answer
 * could be incomplete (Streams starting, restoring or rebalancing), never an empty or stale result.
 *
 * <p>The one implementation today answers from this instance's stores, which is complete when a single
 * instance runs. With several instances, a routing implementation can ask the owner of a key (Streams
 * key metadata, {@code application.server}) and fan the item listing out to every instance, behind this
 * same interface.
 */
public interface StatusQueryService {

    Optional<BatchSummary> summary(String batchId);

    /** The items of a batch in storyboard order; empty when the batch is unknown. */
    List<ItemState> items(String batchId);

    Optional<ItemState> item(ItemId id);
}
