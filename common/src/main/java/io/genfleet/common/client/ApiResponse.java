package io.genfleet.common.client;

import io.genfleet.common.json.Json;
import java.net.http.HttpHeaders;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One answer of the HTTP API.
 *
 * @param status  the HTTP status
 * @param body    the body as text (a problem+json document for errors)
 * @param headers the response headers
 */
public record ApiResponse(int status, String body, HttpHeaders headers) {

    /** The {@code Retry-After} header when present (a 503 or 429 carries one). */
    public Optional<String> retryAfter() {
        return headers.firstValue("Retry-After");
    }

    public JsonNode json() {
        return Json.mapper().readTree(body);
    }

    /** The JSON body when the status is {@code expected}; otherwise an {@link ApiException} naming the call. */
    public JsonNode expect(int expected, String call) {
        if (status != expected) {
            throw new ApiException(call + " answered " + status + ": " + shortBody(), this);
        }
        return json();
    }

    /**
     * The JSON of a read answered 200; empty for 404 (the aggregator has not seen the batch or item yet) and 503
     * (it is starting or restoring its state); an {@link ApiException} for anything else.
     */
    public Optional<JsonNode> jsonWhenServed(String call) {
        if (status == 404 || status == 503) {
            return Optional.empty();
        }
        return Optional.of(expect(200, call));
    }

    private String shortBody() {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
