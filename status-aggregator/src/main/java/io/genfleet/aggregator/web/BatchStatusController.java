package io.genfleet.aggregator.web;

import io.genfleet.aggregator.query.StatusQueryService;
import io.genfleet.common.item.ItemId;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The batch status API of the contract, read from the aggregator's stores. */
@RestController("aggregatorBatchStatusController")
@RequestMapping("/api/batches/{batchId}")
class BatchStatusController {

    private final StatusQueryService query;

    BatchStatusController(StatusQueryService query) {
        this.query = query;
    }

    @GetMapping
    BatchSummaryResponse summary(@PathVariable String batchId) {
        String batch = PathParameters.batchId(batchId);
        return query.summary(batch).map(BatchSummaryResponse::of).orElseThrow(() -> unknownBatch(batch));
    }

    @GetMapping("/items")
    List<ItemResponse> items(@PathVariable String batchId) {
        String batch = PathParameters.batchId(batchId);
        List<ItemResponse> items = query.items(batch).stream().map(ItemResponse::of).toList();
        if (items.isEmpty()) {
            throw unknownBatch(batch);
        }
        return items;
    }

    @GetMapping("/items/{itemKey}")
    ItemDetailResponse item(@PathVariable String batchId, @PathVariable String itemKey) {
        ItemId id = PathParameters.itemId(batchId, itemKey);
        return query.item(id).map(ItemDetailResponse::of)
                .orElseThrow(() -> new NotFoundException("item " + id.itemKey() + " of batch " + id.batchId()
                        + " is not known"));
    }

    static NotFoundException unknownBatch(String batchId) {
        return new NotFoundException("batch " + batchId + " is not known");
    }
}
