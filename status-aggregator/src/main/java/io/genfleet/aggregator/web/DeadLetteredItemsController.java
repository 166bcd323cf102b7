package io.genfleet.aggregator.web;

import io.genfleet.aggregator.query.StatusQueryService;
import io.genfleet.common.status.ItemState;
import io.genfleet.common.status.ItemStatus;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/batches/{batchId}/dead-letters}: the items that are {@code failed_permanent} now, each with
 * its dead-letter reference; {@code []} when there are none, 404 for an unknown batch. A separate resource
 * rather than a field of the contract's item JSON, which stays exactly as specified.
 */
@RestController("aggregatorDeadLetteredItemsController")
class DeadLetteredItemsController {

    private final StatusQueryService query;

    DeadLetteredItemsController(StatusQueryService query) {
        this.query = query;
    }

    @GetMapping("/api/batches/{batchId}/dead-letters")
    List<DeadLetteredItemResponse> deadLettered(@PathVariable String batchId) {
        String batch = PathParameters.batchId(batchId);
        List<ItemState> items = query.items(batch);
        if (items.isEmpty()) {
            throw BatchStatusController.unknownBatch(batch);
        }
        return items.stream()
                .filter(item -> item.status() == ItemStatus.FAILED_PERMANENT)
                .map(DeadLetteredItemResponse::of)
                .toList();
    }
}
