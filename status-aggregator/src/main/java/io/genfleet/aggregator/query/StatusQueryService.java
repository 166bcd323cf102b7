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
 * <p>Two implementations: {@link LocalStatusQueryService} answers from this instance's stores (complete when a
 * single instance runs); {@link RoutingStatusQueryService}, used when several instances share the work, asks the
 * owner of each batch (Streams key metadata, {@code application.server}) and answers locally when that is this
 * instance. Batches are partitioned by batch id, so a batch's summary and all its items live on one instance.
 */
public interface StatusQueryService {

    Optional<BatchSummary> summary(String batchId);

    /** The items of a batch in storyboard order; empty when the batch is unknown. */
    List<ItemState> items(String batchId);

    Optional<ItemState> item(ItemId id);
}
