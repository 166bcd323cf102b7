package io.genfleet.standalone.observability;

import static org.awaitility.Awaitility.await;

import io.genfleet.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * A real Prometheus process of our own: 127.0.0.1 on a free port, its own storage directory, scraping one
 * target every second and evaluating a rules file every second. It checks at start that the server answering
 * on that port is this process (storage path, listen address, job name), not a packaged service.
 */
final class PrometheusServer implements AutoCloseable {

    static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);

    private final Process process;
    private final URI api;
    private final Path log;
    private final String job;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, URI api, Path log, String job) {
        this.process = process;
        this.api = api;
        this.log = log;
        this.job = job;
    }

    /**
     * @param target       host:port of the service, scraped at {@code /actuator/prometheus}
     * @param targetLabels labels of the target, as a ServiceMonitor would attach them (namespace, pod, ...)
     */
    static PrometheusServer start(Path prometheus, Path workDir, String target, Map<String, String> targetLabels,
                                  Path rulesFile) throws IOException {
        int port = freePort();
        String job = "genfleet-proof-" + UUID.randomUUID().toString().substring(0, 8);
        Path storage = Files.createDirectories(workDir.resolve("data"));
        Path config = workDir.resolve("prometheus.yml");
        String labels = targetLabels.entrySet().stream()
                .map(label -> label.getKey() + ": \"" + label.getValue() + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files:
                  - "%s"
                scrape_configs:
                  - job_name: "%s"
                    metrics_path: /actuator/prometheus
                    static_configs:
                      - targets: ["%s"]
                        labels: %s
                """.formatted(rulesFile.toAbsolutePath(), job, target, labels));
        Path log = workDir.resolve("prometheus.log");
        String listen = "127.0.0.1:" + port;
        Process process = new ProcessBuilder(prometheus.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + storage,
                "--web.listen-address=" + listen,
                "--storage.tsdb.retention.time=1h")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        PrometheusServer server = new PrometheusServer(process, URI.create("http://" + listen), log, job);
        try {
            server.awaitReady();
            server.verifyItIsOurs(storage, listen);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    String job() {
        return job;
    }

    private void awaitReady() {
        await("our Prometheus to be ready").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("prometheus exited with " + process.exitValue() + ":\n" + logTail());
                    }
                    try {
                        return get("/-/ready").statusCode() == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    /** The port could have been taken between choosing it and binding it: make sure we talk to our process. */
    private void verifyItIsOurs(Path storage, String listen) throws IOException {
        JsonNode flags = data("/api/v1/status/flags");
        String config = data("/api/v1/status/config").path("yaml").asString();
        if (!storage.toString().equals(flags.path("storage.tsdb.path").asString())
                || !listen.equals(flags.path("web.listen-address").asString()) || !config.contains(job)) {
            throw new IllegalStateException("the Prometheus on " + listen + " is not the one this test started: " + flags);
        }
    }

    /** An instant query ({@code /api/v1/query}); the whole answer, errors included (status, errorType, error, data). */
    JsonNode query(String promql) throws IOException {
        return json(get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)));
    }

    /** The value of a query whose result is one series; NaN when it has none. */
    double value(String promql) throws IOException {
        JsonNode result = query(promql).path("data").path("result");
        return result.size() == 1 ? Double.parseDouble(result.get(0).path("value").get(1).asString()) : Double.NaN;
    }

    /** {@code /api/v1/rules}: the loaded rule groups with each rule's health and last error. */
    JsonNode rules() throws IOException {
        return data("/api/v1/rules").path("groups");
    }

    /** {@code /api/v1/alerts}: the pending and firing alerts. */
    JsonNode alerts() throws IOException {
        return data("/api/v1/alerts").path("alerts");
    }

    /** {@code /api/v1/targets}: the scrape targets with their health. */
    JsonNode targets() throws IOException {
        return data("/api/v1/targets").path("activeTargets");
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private JsonNode data(String path) throws IOException {
        JsonNode answer = json(get(path));
        if (!"success".equals(answer.path("status").asString())) {
            throw new IllegalStateException(path + " failed: " + answer);
        }
        return answer.path("data");
    }

    private HttpResponse<String> get(String path) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.mapper().readTree(response.body());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
