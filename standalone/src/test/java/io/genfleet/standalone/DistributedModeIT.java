package io.genfleet.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The README's "Distributed on one machine", command by command, as separate processes: {@code genfleet broker},
 * {@code topics create} (and its one-line errors), then the aggregator, producer and worker jars against it; a
 * batch submitted to the producer is read from the aggregator. Ports are free ones instead of the README's
 * 9092/8080/8081/8082, so that the test runs next to anything else on the machine.
 */
class DistributedModeIT {

    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration SERVICE_READY = Duration.ofMinutes(6);
    private static final String API_KEY = "distributed-mode-it-key-0123456789";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void brokerTopicsAndTheThreeServicesRunABatchSubmittedToTheProducerAndReadFromTheAggregator(@TempDir Path work)
            throws Exception {
        int kafkaPort = freePort();
        String bootstrap = "127.0.0.1:" + kafkaPort;
        Path brokerData = work.resolve("broker-data");
        try (JarProcess broker = JarProcess.genfleet(work.resolve("broker.out"),
                List.of("broker", "--port", String.valueOf(kafkaPort), "--data-dir", brokerData.toString()))) {
            List<String> banner = broker.awaitLine("Ctrl-C stops it.", START);
            assertThat(banner).as("the banner").anyMatch(line -> line.startsWith("  Kafka     " + bootstrap))
                    .noneMatch(line -> line.contains(" INFO "));
            assertThat(Files.readString(brokerData.resolve("broker.log"))).contains("Kafka broker up on " + bootstrap);

            secondBrokerOnTheSameDirectoryIsRefused(work, brokerData, broker.pid());
            topicsCreateFailsWithOneLine(work, bootstrap);

            JarProcess topics = JarProcess.genfleet(work.resolve("topics.out"),
                    List.of("topics", "create", "--bootstrap-servers", bootstrap));
            assertThat(topics.awaitExit(Duration.ofMinutes(2))).as("topics create: %s", topics.lines()).isZero();
            assertThat(topics.lines()).contains("ok genfleet.image.requests", "ok genfleet.status");

            int aggregatorPort = freePort();
            int producerPort = freePort();
            int workerPort = freePort();
            Map<String, String> kafka = Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
            try (JarProcess aggregator = JarProcess.start(jar("status-aggregator", "genfleet-status-aggregator.jar"),
                    work.resolve("aggregator.out"), List.of("--server.port=" + aggregatorPort,
                            "--genfleet.aggregator.state-dir=" + work.resolve("aggregator-state")),
                    // Reads need a key too: the aggregator gets the same keys as the producer (as the chart mounts them).
                    Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "GENFLEET_API_KEYS", API_KEY));
                 JarProcess producer = JarProcess.start(jar("producer", "genfleet-producer.jar"), work.resolve("producer.out"),
                         List.of("--server.port=" + producerPort,
                                 "--genfleet.producer.status-url=http://127.0.0.1:" + aggregatorPort),
                         Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "GENFLEET_API_KEYS", API_KEY));
                 JarProcess worker = JarProcess.start(jar("worker", "genfleet-worker.jar"), work.resolve("worker.out"),
                         List.of("--server.port=" + workerPort), kafka)) {
                URI aggregatorUrl = URI.create("http://127.0.0.1:" + aggregatorPort);
                URI producerUrl = URI.create("http://127.0.0.1:" + producerPort);
                awaitReady("aggregator", aggregator, aggregatorUrl);
                awaitReady("producer", producer, producerUrl);
                awaitReady("worker", worker, URI.create("http://127.0.0.1:" + workerPort));

                HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(producerUrl.resolve("/api/batches"))
                        .header("Authorization", "Bearer " + API_KEY).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"batchId\": \"local-1\", \"scenes\": [{\"prompt\": \"a lighthouse\", \"video\": {}}]}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

                JsonNode done = await("the batch done, read from the aggregator").atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> summary(aggregatorUrl, "local-1"), summary -> summary != null && summary.path("done").asBoolean());
                assertThat(done.path("total").asInt()).isEqualTo(2);
                assertThat(done.path("counts").path("complete").asInt()).isEqualTo(2);
                // Reads are the aggregator's: the producer's port does not serve them.
                assertThat(get(producerUrl.resolve("/api/batches/local-1")).statusCode()).isEqualTo(404);
            }
        }
    }

    /** Three Spring Boot services and a broker starting at once on a shared 2-core machine take minutes, not seconds. */
    private void awaitReady(String name, JarProcess service, URI url) {
        await("readiness of the " + name + " at " + url).atMost(SERVICE_READY).pollInterval(Duration.ofMillis(500))
                .failFast("the " + name + " exited", () -> !service.isAlive())
                .ignoreExceptions()
                .until(() -> get(url.resolve("/actuator/health/readiness")).statusCode() == 200);
    }

    /** Expected: exit 3 at once, one line naming the running broker's PID; the running broker is untouched. */
    private static void secondBrokerOnTheSameDirectoryIsRefused(Path work, Path brokerData, long holder) throws Exception {
        JarProcess second = JarProcess.genfleet(work.resolve("broker-2.out"),
                List.of("broker", "--port", String.valueOf(freePort()), "--data-dir", brokerData.toString()));
        assertThat(second.awaitExit(Duration.ofSeconds(60))).isEqualTo(3);
        assertThat(second.lines()).containsExactly("genfleet broker: data directory " + brokerData.toAbsolutePath()
                + " is in use by process " + holder + "; stop it or pass another --data-dir");
    }

    /** Expected: one line each, no stack trace; exit 4 for an address nobody listens on, 1 for RF above the brokers. */
    private static void topicsCreateFailsWithOneLine(Path work, String bootstrap) throws Exception {
        String nobody = "127.0.0.1:" + freePort();
        JarProcess unreachable = JarProcess.genfleet(work.resolve("topics-unreachable.out"),
                List.of("topics", "create", "--bootstrap-servers", nobody));
        assertThat(unreachable.awaitExit(Duration.ofSeconds(60))).as("%s", unreachable.lines()).isEqualTo(4);
        double unreachableSeconds = unreachable.secondsSinceStart();
        assertThat(unreachable.lines()).hasSize(1).first().asString()
                .startsWith("genfleet topics create: cannot reach Kafka at " + nobody + " (Connection refused");
        // JVM start included; before, the Admin client's 60 s timeout and a 30-line stack trace.
        assertThat(unreachableSeconds).isLessThan(30);

        JarProcess tooManyReplicas = JarProcess.genfleet(work.resolve("topics-rf.out"),
                List.of("topics", "create", "--bootstrap-servers", bootstrap, "--replication-factor", "3"));
        assertThat(tooManyReplicas.awaitExit(Duration.ofSeconds(60))).as("%s", tooManyReplicas.lines()).isEqualTo(1);
        assertThat(tooManyReplicas.lines()).containsExactly("genfleet topics create: --replication-factor 3 is more than "
                + "the 1 broker of the cluster at " + bootstrap + "; nothing was created");
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        // Reads need a key as well (scope read); the key has every scope.
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + API_KEY).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode summary(URI aggregator, String batchId) throws IOException, InterruptedException {
        HttpResponse<String> response = get(aggregator.resolve("/api/batches/" + batchId));
        return response.statusCode() == 200 ? Json.mapper().readTree(response.body()) : null;
    }

    private static Path jar(String module, String name) {
        return Path.of("..", module, "target", name);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
