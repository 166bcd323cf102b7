package io.genfleet.aggregator.query;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.ItemKey;
import io.genfleet.common.json.Json;
import io.genfleet.common.status.ItemState;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The instance-to-instance side of query routing: what THIS instance's stores hold for one partition (or a
 * set of partitions), in the stores' own JSON. It never forwards — it reads {@link LocalStatusQueryService}
 * only — so a query travels at most one hop even when two instances disagree about who owns a partition.
 * Not part of the public API; 503 (with Retry-After) when the partition is not active and running here.
 */
@RestController("aggregatorInstanceQueryController")
@RequestMapping(InstanceQueryController.BASE)
class InstanceQueryController {

    static final String BASE = "/internal/batches";
    /** More partitions than any sane status topic has; bounds the work of one request. */
    static final int MAX_PARTITION = 9_999;

    private final LocalStatusQueryService local;

    InstanceQueryController(LocalStatusQueryService local) {
        this.local = local;
    }

    @GetMapping("/{batchId}")
    ResponseEntity<byte[]> summary(@PathVariable String batchId, @RequestParam int partition) {
        String batch = batchId(batchId);
        return json(local.summary(batch, partition(partition)).map(Json::write));
    }

    @GetMapping("/{batchId}/items/{itemKey}")
    ResponseEntity<byte[]> item(@PathVariable String batchId, @PathVariable String itemKey,
                                @RequestParam int partition) {
        ItemId id = new ItemId(batchId(batchId), itemKey(itemKey));
        return json(local.item(id, partition(partition)).map(Json::write));
    }

    /** An empty list when the batch has no items in these partitions (the caller decides what "unknown" is). */
    @GetMapping("/{batchId}/items")
    ResponseEntity<byte[]> items(@PathVariable String batchId, @RequestParam String partitions) {
        String batch = batchId(batchId);
        // The listing never shows the history; leaving it out keeps a large batch's answer small.
        List<ItemState> items = local.items(batch, partitions(partitions)).stream()
                .map(InstanceQueryController::withoutHistory).toList();
        return json(Optional.of(Json.write(items)));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unavailable(StatusUnavailableException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalid(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()));
    }

    private static ResponseEntity<byte[]> json(Optional<byte[]> body) {
        return body.map(bytes -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(bytes))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    private static ItemState withoutHistory(ItemState item) {
        return item.withoutHistory();
    }

    private static String batchId(String batchId) {
        if (!ItemId.isValidBatchId(batchId)) {
            throw new IllegalArgumentException("batchId " + ItemId.BATCH_ID_RULE);
        }
        return batchId;
    }

    private static ItemKey itemKey(String itemKey) {
        try {
            return ItemKey.parse(itemKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("itemKey must be scene_{i}, scene_{i}_shot_{j} or video_scene_{i}");
        }
    }

    private static int partition(int partition) {
        if (partition < 0 || partition > MAX_PARTITION) {
            throw new IllegalArgumentException("partition must be between 0 and " + MAX_PARTITION);
        }
        return partition;
    }

    private static SortedSet<Integer> partitions(String list) {
        SortedSet<Integer> partitions = new TreeSet<>();
        if (list.length() > 6 * (MAX_PARTITION + 1)) {
            throw new IllegalArgumentException("too many partitions");
        }
        for (String each : list.split(",", -1)) {
            try {
                partitions.add(partition(Integer.parseInt(each.trim())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("partitions must be a comma-separated list of partition numbers");
            }
        }
        return partitions;
    }
}
