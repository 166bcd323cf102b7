package io.genfleet.e2e.rig;

import io.genfleet.common.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** A small HTTP client for the services' APIs; every call has a deadline. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private Http() {
    }

    /** An answer: status, the {@code Retry-After} header when present, the body. */
    public record Response(int status, Optional<String> retryAfter, String body) {

        public JsonNode json() {
            return Json.mapper().readTree(body);
        }
    }

    private static volatile String readKey;

    /** The key sent with every GET (the aggregator's reads need one); set once by the fleet. */
    public static void useApiKey(String apiKey) {
        readKey = apiKey;
    }

    public static Response get(String url, Duration timeout) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET();
        if (readKey != null) {
            request.header("Authorization", "Bearer " + readKey);
        }
        return send(request.build());
    }

    /** A POST with the producer's API key as {@code Authorization: Bearer}; {@code null} sends none. */
    public static Response postJson(String url, String json, String apiKey, Duration timeout) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return send(request.build());
    }

    private static Response send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Retry-After"), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
