package io.genfleet.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.json.Json;
import io.genfleet.common.security.web.InternalSecret;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.testing.TestKafka;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The aggregator's HTTP API behind scoped keys, against the real broker and a real server: reads need the read
 * scope, the event stream opens with a single-use ticket, the instance routes with the internal secret only, keys
 * rotate by rewriting the key file, and every refusal or error is {@code application/problem+json}.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(classes = StatusAggregatorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiSecurityIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String READ_KEY = "reader-key-0123456789abcdef";
    private static final String SUBMIT_KEY = "submitter-key-0123456789abc";
    private static final String ROTATED_KEY = "rotated-key-0123456789abcdef";
    private static final String INTERNAL = "internal-secret-0123456789abc";
    private static final String PROBLEM = "application/problem+json";
    private static final Path KEY_FILE = keyFile();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    TopicCatalog catalog;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("genfleet.topics.prefix", () -> "it-security-" + RUN + ".");
        registry.add("genfleet.topics.partitions", () -> 1);
        registry.add("spring.kafka.streams.application-id", () -> "genfleet-status-aggregator-security-" + RUN);
        registry.add("genfleet.aggregator.state-dir", () -> KEY_FILE.getParent().resolve("state").toString());
        registry.add("genfleet.aggregator.stream-interval", () -> "100ms");
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("genfleet.api-keys", () -> SUBMIT_KEY + "=submit");
        registry.add("genfleet.api-keys-file", KEY_FILE::toString);
        registry.add("genfleet.security.key-file-check-interval", () -> "100ms");
        registry.add("genfleet.internal-secret", () -> INTERNAL);
    }

    @BeforeEach
    void readKeyInTheFile() throws IOException {
        writeKeys("# the dashboard's key\n" + READ_KEY + "=read\n");
        await().atMost(10, TimeUnit.SECONDS).alias("the key file is read again").until(() ->
                send(get("/api/batches/unknown-" + RUN).header("X-API-Key", READ_KEY)).statusCode() != 401);
    }

    @Test
    void aReadWithoutAKeyIs401ProblemWithABearerChallenge() throws Exception {
        HttpResponse<String> response = send(get("/api/batches/unknown-batch"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(json(response).get("detail").asString()).contains("needs an API key");
    }

    @Test
    void aKeyWithoutTheReadScopeIs403NamingTheScope() throws Exception {
        HttpResponse<String> response = send(get("/api/batches/unknown-batch").header("X-API-Key", SUBMIT_KEY));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM);
        JsonNode problem = json(response);
        assertThat(problem.get("scope").asString()).isEqualTo("read");
        assertThat(problem.get("detail").asString()).contains("lacks the scope 'read'").doesNotContain(SUBMIT_KEY);
    }

    @Test
    void aReadKeyPassesAndAnUnknownBatchIsAProblem404() throws Exception {
        HttpResponse<String> response = send(get("/api/batches/unknown-" + RUN).header("Authorization", "Bearer " + READ_KEY));

        assertThat(response.statusCode()).as(response.body()).isIn(404, 503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM);
    }

    @Test
    void theStreamOpensOnceWithATicketAndNeverWithoutOne() throws Exception {
        String batch = "sec-" + RUN;
        publish(StatusEvent.pending(ItemId.of(batch, "scene_0"), 0, Instant.now()));
        await().atMost(60, TimeUnit.SECONDS).alias("the aggregator knows " + batch)
                .until(() -> send(get("/api/batches/" + batch).header("X-API-Key", READ_KEY)).statusCode() == 200);

        assertThat(send(get("/api/batches/" + batch + "/stream")).statusCode()).as("no key, no ticket").isEqualTo(401);
        assertThat(send(post("/api/batches/" + batch + "/stream-tickets")).statusCode()).as("a ticket needs a key")
                .isEqualTo(401);
        HttpResponse<String> issued = send(post("/api/batches/" + batch + "/stream-tickets").header("X-API-Key", READ_KEY));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String stream = json(issued).get("stream").asString();
        String ticket = json(issued).get("ticket").asString();
        assertThat(stream).doesNotContain(READ_KEY);

        HttpResponse<Stream<String>> opened = http.send(HttpRequest.newBuilder(uri(stream))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = opened.body()) {
            assertThat(opened.statusCode()).isEqualTo(200);
            assertThat(lines.filter(line -> line.startsWith("event:")).findFirst()).isPresent();
        }
        assertThat(send(get(stream)).statusCode()).as("the same ticket a second time").isEqualTo(401);
        assertThat(send(get("/api/batches/other-batch/stream?ticket=" + ticket)).statusCode())
                .as("a ticket of another batch").isEqualTo(401);
        assertThat(send(get("/api/batches/" + batch + "/stream?ticket=forged." + ticket.substring(ticket.indexOf('.') + 1)))
                .statusCode()).as("a forged ticket").isEqualTo(401);
    }

    @Test
    void aRotatedKeyFileTakesEffectWithoutARestart() throws Exception {
        HttpRequest.Builder withRotated = get("/api/batches/unknown-" + RUN).header("X-API-Key", ROTATED_KEY);
        assertThat(send(withRotated).statusCode()).isEqualTo(401);

        writeKeys(ROTATED_KEY + "=read+operate\n");

        await().atMost(10, TimeUnit.SECONDS).alias("the new key is accepted")
                .until(() -> send(get("/api/batches/unknown-" + RUN).header("X-API-Key", ROTATED_KEY)).statusCode() != 401);
        assertThat(send(get("/api/batches/unknown-" + RUN).header("X-API-Key", READ_KEY)).statusCode())
                .as("the key removed from the file").isEqualTo(401);
        assertThat(send(get("/api/batches/unknown-" + RUN).header("X-API-Key", SUBMIT_KEY)).statusCode())
                .as("the key from GENFLEET_API_KEYS stays, still without read").isEqualTo(403);

        // A broken file keeps the keys in force rather than locking everyone out.
        writeKeys("short=read\n");
        Thread.sleep(500); // more than the check interval: the file has been looked at
        assertThat(send(get("/api/batches/unknown-" + RUN).header("X-API-Key", ROTATED_KEY)).statusCode()).isNotEqualTo(401);
    }

    @Test
    void theInstanceRoutesNeedTheInternalSecretNotAClientKey() throws Exception {
        String path = "/internal/batches/x?partition=0";

        assertThat(send(get(path).header("X-API-Key", READ_KEY)).statusCode()).isEqualTo(403);
        assertThat(send(get(path).header(InternalSecret.HEADER, "wrong-secret-0123456789")).statusCode()).isEqualTo(403);
        assertThat(send(get(path).header(InternalSecret.HEADER, INTERNAL)).statusCode()).isIn(404, 503);
    }

    static Stream<Arguments> hostileRequests() {
        return Stream.of(
                Arguments.of("GET", "/no-such-page", 404, "there is no resource"),
                Arguments.of("GET", "/api/no-such-route", 404, "there is no resource"),
                Arguments.of("DELETE", "/api/batches/b1", 405, "not allowed"),
                Arguments.of("GET", "/api/batches/%00", 400, "could not be read"),
                Arguments.of("GET", "/api/batches/a%00b/items", 400, "could not be read"),
                Arguments.of("GET", "/api/batches/.hidden", 400, "batchId"),
                Arguments.of("GET", "/api/batches/..x/items", 400, "batchId"),
                Arguments.of("GET", "/api/batches/b1/items/scene_01", 400, "itemKey"),
                Arguments.of("GET", "/api/batches/b1/items/..", 400, "itemKey"),
                Arguments.of("GET", "/api/batches/" + "x".repeat(65), 400, "batchId"),
                Arguments.of("GET", "/api/batches/b%2F1", 400, "could not be read"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("hostileRequests")
    void everyErrorIsAProblemInWords(String method, String path, int status, String detail) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).method(method,
                HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + allScopesKey()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM);
        JsonNode problem = json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).contains(detail)
                .doesNotContain("Exception", "org.", "static resource", "Tomcat", "<html");
    }

    /** A key with every scope, added to the file for the error tests. */
    private String allScopesKey() throws IOException {
        String key = "all-scopes-key-0123456789ab";
        writeKeys(READ_KEY + "=read\n" + key + "\n");
        await().atMost(10, TimeUnit.SECONDS).until(() ->
                send(get("/api/batches/unknown-" + RUN).header("X-API-Key", key)).statusCode() != 401);
        return key;
    }

    private void writeKeys(String text) throws IOException {
        // Written aside and moved in, as a Secret volume is updated: a reader never sees half a file.
        Path next = KEY_FILE.resolveSibling("keys.next");
        Files.writeString(next, text);
        Files.move(next, KEY_FILE, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private void publish(StatusEvent event) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        try (KafkaProducer<String, StatusEvent> producer = new KafkaProducer<>(config, new StringSerializer(),
                catalog.status().valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(catalog.status().name(), event.itemId().toString(), event));
            producer.flush();
        }
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET();
    }

    private HttpRequest.Builder post(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.mapper().readTree(response.body());
    }

    private static Path keyFile() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "it-state", "ApiSecurityIT-" + RUN)).toAbsolutePath();
            Path file = dir.resolve("api-keys");
            Files.writeString(file, READ_KEY + "=read\n");
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
