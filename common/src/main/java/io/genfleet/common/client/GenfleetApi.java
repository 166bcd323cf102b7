package io.genfleet.common.client;

import static io.genfleet.common.web.UrlEncoding.segment;

import io.genfleet.common.json.Json;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The public HTTP API as its clients see it: the same endpoints, key and JSON a user's program would send. The
 * one client of the API inside the project: {@code demo} and the CLI, the benchmark and the fault battery all
 * go through it, so none of them can take a path users cannot.
 *
 * <p>Every call sends the key ({@code Authorization: Bearer}; reads need one too) and has a deadline. A call
 * that got an answer returns it whatever its status; a call that got none throws {@link IOException}
 * (an interrupt becomes an {@link InterruptedIOException} with the thread's flag kept).
 */
public final class GenfleetApi {

    private final HttpClient http;
    private final URI baseUrl;
    private final String apiKey;
    private final Duration timeout;

    /**
     * @param baseUrl a producer, an aggregator or {@code serve} (which answers both)
     * @param apiKey  sent with every call; {@code null} sends none (to see the 401 a keyless caller gets)
     * @param timeout the deadline of one call, and of opening its connection
     */
    public GenfleetApi(URI baseUrl, String apiKey, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.timeout = timeout;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** {@code POST /api/batches}: a storyboard as a JSON string, or any object Jackson writes as one. 202 on success. */
    public ApiResponse submit(Object storyboard) throws IOException {
        String json = storyboard instanceof String text ? text : Json.writeString(storyboard);
        return postJson("/api/batches", json);
    }

    /** {@code GET /api/batches/{id}}: the summary; 404 while the aggregator has not seen the batch. */
    public ApiResponse batch(String batchId) throws IOException {
        return get("/api/batches/" + segment(batchId));
    }

    /** {@code GET /api/batches/{id}/items}. */
    public ApiResponse items(String batchId) throws IOException {
        return get("/api/batches/" + segment(batchId) + "/items");
    }

    /** {@code GET /api/batches/{id}/items/{itemKey}}. */
    public ApiResponse item(String batchId, String itemKey) throws IOException {
        return get("/api/batches/" + segment(batchId) + "/items/" + segment(itemKey));
    }

    /** {@code POST /api/batches/{id}/retry-failed}: "retry all failed"; 202 with {@code requeued} and {@code items}. */
    public ApiResponse retryFailed(String batchId) throws IOException {
        return retryFailed(batchId, Map.of());
    }

    /** "Retry failed" of a selection: {@code {"errorTypes": [...], "items": [...]}}, either or both. */
    public ApiResponse retryFailed(String batchId, Map<String, ?> selection) throws IOException {
        return postJson("/api/batches/" + segment(batchId) + "/retry-failed", Json.writeString(selection));
    }

    /**
     * {@code POST /api/batches/{id}/items/{itemKey}/retry}: retry-failed of one item; 202 with {@code requeued},
     * {@code items} (the item, and a video that waited for it) and {@code skipped} (why not).
     */
    public ApiResponse retryItem(String batchId, String itemKey) throws IOException {
        return postJson("/api/batches/" + segment(batchId) + "/items/" + segment(itemKey) + "/retry", "{}");
    }

    /**
     * {@code GET /api/dead-letters?...}: one page of the lanes' dead letters, newest first, with {@code nextCursor}.
     *
     * @param query the parameters ({@code lane}, {@code batchId}, {@code errorType}, {@code limit}, {@code cursor});
     *              null values are left out
     */
    public ApiResponse deadLetters(Map<String, String> query) throws IOException {
        StringBuilder path = new StringBuilder("/api/dead-letters");
        char separator = '?';
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            if (parameter.getValue() != null) {
                path.append(separator).append(segment(parameter.getKey())).append('=').append(segment(parameter.getValue()));
                separator = '&';
            }
        }
        return get(path.toString());
    }

    /** A GET of any path of the API (it starts with {@code /}). */
    public ApiResponse get(String path) throws IOException {
        return send(request(path).GET());
    }

    /** A POST of a JSON body to any path of the API. */
    public ApiResponse postJson(String path, String json) throws IOException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(timeout);
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return request;
    }

    private ApiResponse send(HttpRequest.Builder request) throws IOException {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiResponse(response.statusCode(), response.body(), response.headers());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while calling " + baseUrl);
            interrupted.initCause(e);
            throw interrupted;
        }
    }
}
