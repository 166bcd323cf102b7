package io.genfleet.standalone.cli;

import io.genfleet.common.client.ApiResponse;
import io.genfleet.common.client.GenfleetApi;
import io.genfleet.common.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * {@code dlt list|replay --url}: the dead letters and their items as the public HTTP API of {@code serve} or a
 * producer gives them, through {@link GenfleetApi}. Every failure becomes a {@link CliFailure} with the CLI's exit
 * code: no answer is {@link ExitCode#UNREACHABLE}, 401/403 {@link ExitCode#REFUSED}, any other error answer
 * {@link ExitCode#FAILED}.
 */
final class DeadLetterApi {

    /** The API's largest page: a listing is read in as few calls as it allows. */
    static final int PAGE_SIZE = 500;

    /** The filter as the CLI takes it; {@code since}/{@code until} are applied here (the API has no such parameters). */
    record Filter(String lane, String batchId, String errorType, Instant since, Instant until) {

        boolean matches(DeadLetterRow letter) {
            return (since == null || !letter.at().isBefore(since)) && (until == null || letter.at().isBefore(until));
        }
    }

    /** What a retry of one item did: the keys requeued (it, and a video that waited for it) or why not. */
    record Retry(List<String> requeued, List<String> skipReasons) {
    }

    private final GenfleetApi api;

    DeadLetterApi(GenfleetApi api) {
        this.api = api;
    }

    /**
     * The matching dead letters, oldest first (as the Kafka path prints them), with their item's status now when
     * the API's item reads answer ({@code serve} does; a producer alone does not, then the status is unknown).
     */
    List<DeadLetterRow> list(Filter filter) {
        List<JsonNode> entries = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("lane", filter.lane());
            query.put("batchId", filter.batchId());
            query.put("errorType", filter.errorType());
            query.put("limit", Integer.toString(PAGE_SIZE));
            query.put("cursor", cursor);
            JsonNode page = expect(call(() -> api.deadLetters(query)), 200, "listing the dead letters");
            boolean olderThanSince = false;
            for (JsonNode entry : page.path("deadLetters")) {
                entries.add(entry);
                olderThanSince |= filter.since() != null && Instant.parse(entry.path("at").asString()).isBefore(filter.since());
            }
            // Pages are newest first: once a page reaches before --since, the later ones hold nothing that matches.
            cursor = olderThanSince ? null : text(page.path("nextCursor"));
        } while (cursor != null);
        Map<String, Map<String, JsonNode>> items = itemsOf(entries);
        List<DeadLetterRow> rows = new ArrayList<>();
        for (int i = entries.size() - 1; i >= 0; i--) {
            DeadLetterRow row = row(entries.get(i), items);
            if (filter.matches(row)) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** Whether the item reads answered for at least one batch of these dead letters (else NOW is unknown). */
    static boolean statusKnown(List<DeadLetterRow> rows) {
        return rows.stream().anyMatch(row -> row.nowStatus() != null);
    }

    /** {@code POST /api/batches/{id}/items/{itemKey}/retry}: retry-failed of one item, at most once per epoch. */
    Retry retry(String batchId, String itemKey) {
        JsonNode result = expect(call(() -> api.retryItem(batchId, itemKey)), 202, "retrying " + batchId + "/" + itemKey);
        List<String> requeued = new ArrayList<>();
        result.path("items").forEach(key -> requeued.add(key.asString()));
        List<String> reasons = new ArrayList<>();
        result.path("skipped").forEach(skip -> reasons.add(skip.path("reason").asString()));
        return new Retry(requeued, reasons);
    }

    /** The items of each batch of these entries by key; a batch the item reads do not know maps to nothing. */
    private Map<String, Map<String, JsonNode>> itemsOf(List<JsonNode> entries) {
        Set<String> batches = new LinkedHashSet<>();
        entries.forEach(entry -> {
            if (entry.hasNonNull("batchId")) {
                batches.add(entry.path("batchId").asString());
            }
        });
        Map<String, Map<String, JsonNode>> items = new HashMap<>();
        for (String batch : batches) {
            ApiResponse response = call(() -> api.items(batch));
            refuseCredentials(response);
            Map<String, JsonNode> byKey = new HashMap<>();
            if (response.status() == 200) {
                response.json().forEach(item -> byKey.put(item.path("itemKey").asString(), item));
            }
            // 404: a producer alone has no item reads (they are the aggregator's), or the batch is unknown to them.
            items.put(batch, byKey);
        }
        return items;
    }

    private static DeadLetterRow row(JsonNode entry, Map<String, Map<String, JsonNode>> items) {
        String batchId = text(entry.path("batchId"));
        String itemKey = text(entry.path("itemKey"));
        JsonNode item = batchId == null || itemKey == null ? null
                : items.getOrDefault(batchId, Map.of()).get(itemKey);
        String unreadable = text(entry.path("unreadable"));
        return new DeadLetterRow(batchId, itemKey, integer(entry.path("epoch")), integer(entry.path("attempts")),
                text(entry.path("errorType")), Instant.parse(entry.path("at").asString()),
                entry.path("topic").asString() + "/" + entry.path("partition").asInt() + "/" + entry.path("offset").asLong(),
                unreadable != null ? "unreadable: " + unreadable : entry.path("message").asString(""),
                item == null ? null : item.path("status").asString(), item == null ? null : item.path("epoch").asInt());
    }

    /** The node's text, or null when it is missing or JSON null. */
    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asString();
    }

    private static Integer integer(JsonNode node) {
        return node.isNumber() ? node.asInt() : null;
    }

    private JsonNode expect(ApiResponse response, int status, String what) {
        refuseCredentials(response);
        if (response.status() != status) {
            throw new CliFailure(ExitCode.FAILED, what + ": HTTP " + response.status() + " " + problem(response.body()));
        }
        return response.json();
    }

    private static void refuseCredentials(ApiResponse response) {
        if (response.status() == 401 || response.status() == 403) {
            throw new CliFailure(ExitCode.REFUSED, "HTTP " + response.status() + " " + problem(response.body())
                    + " (pass a key of the producer with --api-key or GENFLEET_API_KEYS)");
        }
    }

    private interface Call {
        ApiResponse send() throws IOException;
    }

    private ApiResponse call(Call call) {
        try {
            return call.send();
        } catch (IOException e) {
            throw new CliFailure(ExitCode.UNREACHABLE, api.baseUrl() + " did not answer ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "); is serve or the producer running there? (--url, GENFLEET_URL)", e);
        }
    }

    static String problem(String body) {
        try {
            JsonNode problem = Json.mapper().readTree(body);
            return problem.path("title").asString("") + ": " + problem.path("detail").asString("");
        } catch (RuntimeException e) {
            return body == null ? "" : body.substring(0, Math.min(body.length(), 300));
        }
    }
}
