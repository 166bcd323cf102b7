package io.genfleet.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.genfleet.aggregator.webhook.WebhookSignature;
import io.genfleet.common.json.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} as a user runs it (the packaged jar in its own JVM): without {@code GENFLEET_API_KEYS} it prints
 * a key generated for this start, which then works; with the variable set it uses those keys and prints none. The
 * same for the webhook secret: without {@code GENFLEET_WEBHOOKS_SECRET} a generated one signs the deliveries.
 * The terminal shows a banner, the logs go to the data directory, and the data directory belongs to one serve.
 */
class ServeCommandIT {

    private static final String KEY_LINE = "  API key   ";
    private static final String WEBHOOKS_LINE = "  webhooks  ";
    /** A receiver on loopback over plain http: both refused by default (a storyboard is user input). */
    private static final Map<String, String> LOOPBACK_RECEIVERS = Map.of("GENFLEET_WEBHOOKS_ALLOW_HTTP", "true",
            "GENFLEET_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", "true");
    private static final String STORYBOARD = "{\"scenes\": [{\"prompt\": \"a lighthouse\"}]}";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A blank variable configures no key: serve generates one as without it (it used to leave every POST at 503). */
    @Test
    void withABlankGenfleetApiKeysServeGeneratesAKeyThatOpensTheApi(@TempDir Path work) throws Exception {
        try (Serve serve = Serve.start(work, " ")) {
            String key = generatedKey(serve.awaitServing());

            assertThat(post(serve.url, "Authorization: Bearer " + key).statusCode()).isEqualTo(202);
            assertThat(post(serve.url, null).statusCode()).isEqualTo(401);
        }
    }

    /**
     * Nothing configured (one start of the packaged jar for both, because each start costs seconds of CI). Expected:
     * a short banner with an API key generated for this start, which opens the API, and a webhook secret generated
     * for this start; both printed once and logged nowhere; a storyboard's notify gets its batch.done, signed with
     * that secret and with no other.
     */
    @Test
    void withNothingConfiguredServePrintsAGeneratedKeyThatOpensTheApiAndASecretThatSignsTheDeliveries(@TempDir Path work)
            throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start();
             Serve serve = Serve.start(work, work.resolve("data"), LOOPBACK_RECEIVERS)) {
            List<String> lines = serve.awaitServing();
            String key = generatedKey(lines);
            // 32 random bytes, URL-safe Base64 without padding
            assertThat(key).matches("[A-Za-z0-9_-]{43}");
            assertThat(post(serve.url, null).statusCode()).isEqualTo(401);
            assertThat(post(serve.url, "Authorization: Bearer " + key).statusCode()).isEqualTo(202);
            assertThat(String.join("\n", serve.lines())).as("the key printed once").containsOnlyOnce(key);

            // The terminal shows a short banner; the broker's and clients' logs go to the data directory.
            Path dataDir = work.resolve("data").toAbsolutePath();
            assertThat(lines).as("the banner").anyMatch(line -> line.equals("  URL       " + serve.url))
                    .anyMatch(line -> line.equals("  data dir  " + dataDir))
                    .anyMatch(line -> line.matches("  Kafka     127\\.0\\.0\\.1:\\d+"))
                    .anyMatch(line -> line.equals("  log       " + dataDir.resolve("genfleet.log")));
            assertThat(lines).as("no log lines on the terminal: %s", lines).hasSizeLessThanOrEqualTo(12)
                    .noneMatch(line -> line.contains(" INFO ") || line.contains("state.change.logger"));
            assertThat(Files.readString(dataDir.resolve("genfleet.log"))).as("the broker's and clients' logs")
                    .contains("Kafka broker up on").contains("state.change.logger").doesNotContain(key);

            String secret = printed(lines, WEBHOOKS_LINE);
            assertThat(secret).matches("[A-Za-z0-9_-]{43}");
            FleetApi api = new FleetApi(serve.url, key);

            var accepted = api.post("/api/batches", "{\"batchId\": \"hooked\", \"scenes\": [{\"prompt\": \"a lighthouse\"}],"
                    + " \"notify\": {\"url\": \"" + receiver.url() + "\", \"events\": [\"batch.done\"]}}");
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);

            List<WebhookReceiver.Delivery> deliveries = await("batch.done at the receiver").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250)).until(receiver::deliveries, received -> !received.isEmpty());
            WebhookReceiver.Delivery done = deliveries.get(0);
            assertThat(Json.mapper().readTree(done.body()).path("id").asString()).startsWith("hooked/batch.done/");
            assertThat(new WebhookSignature(secret).verifies(done.signature(), done.body()))
                    .as("signed with the printed secret: %s", done.signature()).isTrue();
            assertThat(new WebhookSignature(secret + "x").verifies(done.signature(), done.body()))
                    .as("and with no other").isFalse();
            assertThat(String.join("\n", serve.lines())).as("printed once").containsOnlyOnce(secret);
            assertThat(Files.readString(work.resolve("data").resolve("genfleet.log"))).as("logged nowhere")
                    .doesNotContain(secret);
        }
    }

    @Test
    void withGenfleetApiKeysAndAWebhookSecretServeUsesThemAndPrintsNone(@TempDir Path work) throws Exception {
        String first = "configured-key-0123456789";
        String second = "second-configured-key-987654";
        String reader = "dashboard-reader-key-0123456";
        String webhookSecret = "configured-webhook-secret-0123456789";
        try (Serve serve = Serve.start(work, work.resolve("data"), Map.of(
                "GENFLEET_API_KEYS", first + "," + second + "," + reader + "=read",
                "GENFLEET_WEBHOOKS_SECRET", webhookSecret))) {
            List<String> lines = serve.awaitServing();

            assertThat(post(serve.url, "X-API-Key: " + second).statusCode()).isEqualTo(202);
            assertThat(post(serve.url, "Authorization: Bearer " + first).statusCode()).isEqualTo(202);
            assertThat(post(serve.url, "X-API-Key: not-a-configured-key-000").statusCode()).isEqualTo(401);
            assertThat(lines).filteredOn(line -> line.startsWith(KEY_LINE))
                    .containsExactly(KEY_LINE + "from GENFLEET_API_KEYS; send one as Authorization: Bearer <key> or X-API-Key: <key>");
            HttpResponse<String> readerPost = post(serve.url, "X-API-Key: " + reader);
            assertThat(readerPost.statusCode()).isEqualTo(403);
            assertThat(readerPost.body()).contains("\"scope\":\"submit\"");
            assertThat(get(serve.url, "/api/batches/never-submitted", null).statusCode()).as("reads need a key").isEqualTo(401);
            assertThat(get(serve.url, "/api/batches/never-submitted", reader).statusCode()).isEqualTo(404);
            HttpResponse<String> page = get(serve.url, "/", null);
            assertThat(page.statusCode()).as("the page itself is public").isEqualTo(200);
            HttpResponse<String> missing = get(serve.url, "/no-such-page", null);
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(lines).filteredOn(line -> line.startsWith(WEBHOOKS_LINE))
                    .containsExactly(WEBHOOKS_LINE + "signed with GENFLEET_WEBHOOKS_SECRET");
            assertThat(String.join("\n", serve.lines())).doesNotContain(first).doesNotContain(second)
                    .doesNotContain(webhookSecret);
        }
    }

    /**
     * Expected: the second serve on a data directory in use exits with code 3 and one line naming the first's PID,
     * before it starts a broker (no log file of its own, nothing written); the first one serves a batch to done.
     */
    @Test
    void aSecondServeOnTheSameDataDirectoryExitsAtOnceAndTheFirstKeepsServing(@TempDir Path work) throws Exception {
        try (Serve first = Serve.start(work, null)) {
            String key = generatedKey(first.awaitServing());
            long logBefore = Files.size(work.resolve("data").resolve("genfleet.log"));

            Path secondWork = Files.createDirectories(work.resolve("second"));
            long started = System.nanoTime();
            try (Serve second = Serve.start(secondWork, work.resolve("data"), Map.of())) {
                assertThat(second.process.waitFor(60, TimeUnit.SECONDS)).as("the second serve exited").isTrue();
                double seconds = (System.nanoTime() - started) / 1e9;
                List<String> lines = second.lines();
                assertThat(second.process.exitValue()).as("exit code; output: %s", lines).isEqualTo(3);
                assertThat(lines).as("one line naming the holder, after serve's first line").hasSize(2);
                assertThat(lines.get(1)).isEqualTo("genfleet serve: data directory " + work.resolve("data").toAbsolutePath()
                        + " is in use by process " + first.process.pid() + "; stop it or pass another --data-dir");
                // A JVM's start on this shared 2-core machine takes seconds; the broker's would take many more.
                assertThat(seconds).as("exits without starting anything").isLessThan(30);
            }
            // Only the first one writes the shared log (the second would log its broker's start there).
            assertThat(Files.readString(work.resolve("data").resolve("genfleet.log")).substring((int) logBefore))
                    .doesNotContain("Kafka broker up on");

            FleetApi api = new FleetApi(first.url, key);
            var accepted = api.post("/api/batches", STORYBOARD);
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            String batchId = Json.mapper().readTree(accepted.body()).path("batchId").asString();
            await("the first serve runs the batch to done").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> api.get("/api/batches/" + batchId), summary -> summary != null && summary.path("done").asBoolean());
            assertThat(first.process.isAlive()).isTrue();
        }
    }

    private static String generatedKey(List<String> lines) {
        return printed(lines, KEY_LINE);
    }

    /** The value of the banner line that starts with {@code label}. */
    private static String printed(List<String> lines, String label) {
        return lines.stream().filter(line -> line.startsWith(label)).findFirst()
                .map(line -> line.substring(label.length()).strip())
                .orElseThrow(() -> new AssertionError("no '" + label.strip() + "' printed:\n" + String.join("\n", lines)));
    }

    private HttpResponse<String> get(URI url, String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(URI url, String header) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve("/api/batches")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(STORYBOARD));
        if (header != null) {
            String[] nameValue = header.split(": ", 2);
            request.header(nameValue[0], nameValue[1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A {@code serve} process; closing stops it as Ctrl-C does. */
    private record Serve(Process process, Path output, URI url) implements AutoCloseable {

        static Serve start(Path work, String apiKeys) throws IOException {
            return start(work, work.resolve("data"), apiKeys == null ? Map.of() : Map.of("GENFLEET_API_KEYS", apiKeys));
        }

        /** With {@code environment} on top of this JVM's, minus the keys and the secret a developer may have set. */
        static Serve start(Path work, Path dataDir, Map<String, String> environment) throws IOException {
            Path jar = Path.of("target", "genfleet.jar");
            assertThat(jar).as("the packaged jar (run after package)").exists();
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar.toString(), "serve", "--port", String.valueOf(port), "--data-dir",
                    dataDir.toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("serve.out").toFile());
            builder.environment().remove("GENFLEET_API_KEYS");
            builder.environment().remove("GENFLEET_WEBHOOKS_SECRET");
            builder.environment().putAll(environment);
            return new Serve(builder.start(), work.resolve("serve.out"), URI.create("http://127.0.0.1:" + port));
        }

        List<String> awaitServing() {
            return await("serve to say it is serving").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                    .failFast("serve exited", () -> !process.isAlive())
                    .until(this::lines, lines -> lines.stream().anyMatch(line -> line.equals("Ctrl-C stops it.")));
        }

        List<String> lines() throws IOException {
            return Files.readAllLines(output);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }
    }
}
