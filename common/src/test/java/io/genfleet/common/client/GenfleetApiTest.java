package io.genfleet.common.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a real HTTP server on loopback that records what it got and answers what a test sets. */
class GenfleetApiTest {

    private record Seen(String method, String rawPath, String authorization, String contentType, String body) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer = "{}";
    private volatile Map<String, String> headers = Map.of();
    private HttpServer server;
    private GenfleetApi api;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        api = new GenfleetApi(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "the-key",
                Duration.ofSeconds(5));
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        queries.add(String.valueOf(exchange.getRequestURI().getRawQuery()));
        seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Test
    void submitsAStoryboardAsJsonWithTheKey() throws IOException {
        status = 202;
        answer = "{\"batchId\":\"b-1\",\"total\":2}";

        ApiResponse response = api.submit(Map.of("batchId", "b-1"));

        assertThat(response.expect(202, "submit").path("total").asInt()).isEqualTo(2);
        assertThat(seen).containsExactly(new Seen("POST", "/api/batches", "Bearer the-key", "application/json",
                "{\"batchId\":\"b-1\"}"));
    }

    @Test
    void retriesOneItemByItsPath() throws IOException {
        status = 202;
        api.retryItem("b-1", "scene_0_shot_1");
        assertThat(seen).containsExactly(new Seen("POST", "/api/batches/b-1/items/scene_0_shot_1/retry", "Bearer the-key",
                "application/json", "{}"));
    }

    @Test
    void listsDeadLettersWithTheGivenParametersEncodedAndNullsLeftOut() throws IOException {
        Map<String, String> query = new java.util.LinkedHashMap<>();
        query.put("batchId", "b 1");
        query.put("lane", null);
        query.put("cursor", "a+b/c=");
        api.deadLetters(query);
        assertThat(seen.get(0).rawPath()).isEqualTo("/api/dead-letters");
        assertThat(queries).containsExactly("batchId=b%201&cursor=a%2Bb%2Fc%3D");
    }

    @Test
    void aStringStoryboardIsSentAsItIs() throws IOException {
        status = 202;
        api.submit("{\"scenes\": []}");
        assertThat(seen.get(0).body()).isEqualTo("{\"scenes\": []}");
    }

    @Test
    void retryFailedPostsTheSelectionToTheBatchsPath() throws IOException {
        status = 202;
        api.retryFailed("b-1", Map.of("errorTypes", List.of("timeout")));
        api.retryFailed("b-1");
        assertThat(seen).extracting(Seen::rawPath).containsOnly("/api/batches/b-1/retry-failed");
        assertThat(seen).extracting(Seen::body).containsExactly("{\"errorTypes\":[\"timeout\"]}", "{}");
    }

    @Test
    void anIdStaysOneSegmentOfThePath() throws IOException {
        api.item("a/b c", "scene_0?x");
        assertThat(seen.get(0).rawPath()).isEqualTo("/api/batches/a%2Fb%20c/items/scene_0%3Fx");
    }

    @Test
    void withoutAKeyNoAuthorizationIsSent() throws IOException {
        new GenfleetApi(api.baseUrl(), null, Duration.ofSeconds(5)).batch("b-1");
        assertThat(seen.get(0).authorization()).isNull();
    }

    @Test
    void anErrorStatusIsAnAnswerAndExpectNamesIt() throws IOException {
        status = 503;
        answer = "{\"title\":\"Service Unavailable\"}";
        headers = Map.of("Retry-After", "2");

        ApiResponse response = api.batch("b-1");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.retryAfter()).contains("2");
        assertThat(response.jsonWhenServed("read")).isEmpty();
        assertThatThrownBy(() -> response.expect(200, "GET b-1")).isInstanceOf(ApiException.class)
                .hasMessageContaining("GET b-1 answered 503").hasMessageContaining("Service Unavailable");
    }

    @Test
    void aReadIsServedOn200AndFailsOnAnythingButNotFoundOrUnavailable() throws IOException {
        answer = "{\"done\":true}";
        assertThat(api.batch("b-1").jsonWhenServed("read")).hasValueSatisfying(
                json -> assertThat(json.path("done").asBoolean()).isTrue());
        status = 404;
        assertThat(api.batch("b-1").jsonWhenServed("read")).isEmpty();
        status = 401;
        ApiResponse refused = api.batch("b-1");
        assertThatThrownBy(() -> refused.jsonWhenServed("read")).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).response().status()).isEqualTo(401));
    }

    @Test
    void noAnswerIsAnIOException() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        GenfleetApi nobody = new GenfleetApi(URI.create("http://127.0.0.1:" + closedPort), "k", Duration.ofSeconds(2));
        assertThatThrownBy(() -> nobody.batch("b-1")).isInstanceOf(IOException.class);
    }
}
