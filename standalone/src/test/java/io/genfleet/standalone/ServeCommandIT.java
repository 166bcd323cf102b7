package io.genfleet.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} as a user runs it (the packaged jar in its own JVM): without {@code GENFLEET_API_KEYS} it prints
 * a key generated for this start, which then works; with the variable set it uses those keys and prints none.
 */
class ServeCommandIT {

    private static final String PRINTED = "API key for every /api request";
    private static final String STORYBOARD = "{\"scenes\": [{\"prompt\": \"a lighthouse\"}]}";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void withoutConfiguredKeysServePrintsAGeneratedKeyThatOpensTheApi(@TempDir Path work) throws Exception {
        try (Serve serve = Serve.start(work, null)) {
            List<String> lines = serve.awaitServing();
            int at = lines.indexOf(lines.stream().filter(line -> line.startsWith(PRINTED)).findFirst().orElseThrow(
                    () -> new AssertionError("no key printed:\n" + String.join("\n", lines))));
            String key = lines.get(at + 1).strip();
            // 32 random bytes, URL-safe Base64 without padding
            assertThat(key).matches("[A-Za-z0-9_-]{43}");

            assertThat(post(serve.url, null).statusCode()).isEqualTo(401);
            assertThat(post(serve.url, "Authorization: Bearer " + key).statusCode()).isEqualTo(202);
            assertThat(String.join("\n", serve.lines())).as("printed once, logged nowhere")
                    .containsOnlyOnce(key);
        }
    }

    @Test
    void withGenfleetApiKeysServeUsesThemAndPrintsNone(@TempDir Path work) throws Exception {
        String first = "configured-key-0123456789";
        String second = "second-configured-key-987654";
        String reader = "dashboard-reader-key-0123456";
        try (Serve serve = Serve.start(work, first + "," + second + "," + reader + "=read")) {
            List<String> lines = serve.awaitServing();

            assertThat(post(serve.url, "X-API-Key: " + second).statusCode()).isEqualTo(202);
            assertThat(post(serve.url, "Authorization: Bearer " + first).statusCode()).isEqualTo(202);
            assertThat(post(serve.url, "X-API-Key: not-a-configured-key-000").statusCode()).isEqualTo(401);
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
            assertThat(lines).noneMatch(line -> line.startsWith(PRINTED));
            assertThat(String.join("\n", serve.lines())).doesNotContain(first).doesNotContain(second);
        }
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
            Path jar = Path.of("target", "genfleet.jar");
            assertThat(jar).as("the packaged jar (run after package)").exists();
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar.toString(), "serve", "--port", String.valueOf(port), "--data-dir",
                    work.resolve("data").toString())
                    .redirectErrorStream(true).redirectOutput(work.resolve("serve.out").toFile());
            builder.environment().remove("GENFLEET_API_KEYS");
            if (apiKeys != null) {
                builder.environment().put("GENFLEET_API_KEYS", apiKeys);
            }
            return new Serve(builder.start(), work.resolve("serve.out"), URI.create("http://127.0.0.1:" + port));
        }

        List<String> awaitServing() {
            return await("serve to say it is serving").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                    .failFast("serve exited", () -> !process.isAlive())
                    .until(this::lines, lines -> lines.stream().anyMatch(line -> line.startsWith("API key")));
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
