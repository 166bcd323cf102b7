package io.genfleet.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.genfleet.common.client.ApiResponse;
import io.genfleet.common.client.GenfleetApi;
import io.genfleet.common.json.Json;
import io.genfleet.standalone.fleet.FleetOptions;
import io.genfleet.standalone.fleet.RunningFleet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The all-in-one fleet on its own embedded broker: a batch runs to the end and survives a restart. */
class StandaloneFleetIT {

    private static final Map<String, String> FAST_PROVIDER = Map.of(
            "genfleet.worker.provider.latency-min", "5ms",
            "genfleet.worker.provider.latency-max", "20ms",
            "genfleet.worker.provider.failure-rate", "0");

    @Test
    void runsABatchToTheEndAndKeepsItAcrossARestart(@TempDir Path dataDir) throws Exception {
        Map<String, Object> storyboard = Map.of("batchId", "restart-check", "scenes", List.of(
                Map.of("prompt", "a fox", "simulate", Map.of("failTimes", 1), "video", Map.of()),
                Map.of("prompt", "a boat", "shots", List.of(Map.of("prompt", "bow"),
                        Map.of("prompt", "stern", "simulate", Map.of("failTimes", 1, "error", "permanent"))))));

        String before;
        try (RunningFleet fleet = RunningFleet.start(new FleetOptions(0, dataDir, false, FAST_PROVIDER))) {
            GenfleetApi client = new GenfleetApi(fleet.baseUrl(), fleet.apiKey().value(), Duration.ofSeconds(10));
            assertThat(fleet.apiKey().generated()).as("no GENFLEET_API_KEYS in the test environment").isTrue();
            assertThat(new GenfleetApi(fleet.baseUrl(), "not-the-key-0123456789", Duration.ofSeconds(10)).postJson("/api/batches", "{}").status())
                    .as("a change with another key").isEqualTo(401);
            JsonNode accepted = client.submit(storyboard).expect(202, "submit");
            assertThat(accepted.path("total").asInt()).isEqualTo(4);
            before = await("the batch to be done").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> summaryJson(client, "restart-check"), s -> s.isPresent() && s.get().contains("\"done\":true"))
                    .orElseThrow();
        }
        JsonNode summary = Json.mapper().readTree(before);
        // Expected: scene_0 completes after one retry, its video at once, shot 0 at once; shot 1 fails permanently.
        assertThat(summary.path("counts").path("complete").asInt()).isEqualTo(3);
        assertThat(summary.path("counts").path("failed_permanent").asInt()).isEqualTo(1);
        assertThat(summary.path("retries").asInt()).isEqualTo(1);

        try (RunningFleet fleet = RunningFleet.start(new FleetOptions(0, dataDir, false, FAST_PROVIDER))) {
            GenfleetApi client = new GenfleetApi(fleet.baseUrl(), fleet.apiKey().value(), Duration.ofSeconds(10));
            Optional<String> after = await("the aggregate to be served after the restart").atMost(Duration.ofSeconds(60))
                    .until(() -> summaryJson(client, "restart-check"), Optional::isPresent);
            assertThat(Json.mapper().readTree(after.get())).isEqualTo(summary);

            // Expected: serve's web page at / and its two assets, each with its content type.
            assertThat(get(fleet.baseUrl().resolve("/"))).satisfies(page -> {
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                        .startsWith("text/html"));
                assertThat(page.body()).contains("Content-Security-Policy", "src=\"app.js\"", "href=\"app.css\"");
            });
            assertThat(get(fleet.baseUrl().resolve("/app.js")).headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).contains("javascript"));
            assertThat(get(fleet.baseUrl().resolve("/app.css")).headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));
        }
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The summary's JSON once the aggregator serves the batch (404 before). */
    private static Optional<String> summaryJson(GenfleetApi client, String batchId) throws IOException {
        ApiResponse answer = client.batch(batchId);
        return answer.status() == 200 ? Optional.of(answer.body()) : Optional.empty();
    }
}
