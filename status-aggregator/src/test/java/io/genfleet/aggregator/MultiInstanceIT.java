package io.genfleet.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.genfleet.aggregator.streams.AggregatorStreams;
import io.genfleet.aggregator.topology.AggregatorStores;
import io.genfleet.common.item.ItemId;
import io.genfleet.common.json.Json;
import io.genfleet.common.security.web.InternalSecret;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.status.ItemError;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.status.StatusPartitioning;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.testing.TestKafka;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two aggregator instances (two Spring contexts of the application, one Streams group, standby replicas 1) on
 * the real test broker, with a batch held by one of them (its summary and items share the batch's partition):
 * every instance answers every query the same, and when one instance stops, the other answers with the same numbers after the
 * rebalance — 503 in between, never a wrong number, never a 404.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiInstanceIT {

    private static final String READ_KEY = "multi-instance-read-key-0123";
    private static final String INTERNAL_SECRET = "multi-instance-internal-secret-0123";

    private static final Logger log = LoggerFactory.getLogger(MultiInstanceIT.class);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String PREFIX = "it-scale-" + RUN + ".";
    private static final String APPLICATION_ID = "genfleet-status-aggregator-scale-" + RUN;
    private static final int PARTITIONS = 6;
    private static final String BATCH = "scale-" + RUN;
    private static final int SCENES = 8;
    private static final Instant T0 = Instant.parse("2025-04-01T08:00:00.000Z");
    /** Fail-overs measured by {@link #survivorAnswersTheSameCountsAfterTheOtherInstanceStops}; more with -D. */
    private static final int FAILOVERS = Integer.getInteger("genfleet.it.failovers", 3);
    /** For comparisons only: -Dgenfleet.it.standbys=0, -Dgenfleet.it.leaveGroup=false (what a crash looks like). */
    private static final int STANDBYS = Integer.getInteger("genfleet.it.standbys", 1);
    private static final boolean LEAVE_GROUP = Boolean.parseBoolean(System.getProperty("genfleet.it.leaveGroup", "true"));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Instance[] instances = new Instance[2];
    private TopicCatalog catalog;
    private int completed;

    @BeforeAll
    void startTwoInstances() throws Exception {
        int[] ports = freePorts(2);
        for (int i = 0; i < 2; i++) {
            instances[i] = new Instance("abc".substring(i, i + 1), ports[i], stateDir("instance-" + i));
        }
        // One after the other: the first provisions the topics; both join the group before any data exists,
        // so neither lags and the assignment spreads the active tasks over both.
        for (Instance instance : instances) {
            instance.start();
        }
        catalog = instances[0].catalog();
        awaitBothHoldActivePartitions();
    }

    @AfterAll
    void stopInstances() {
        for (Instance instance : instances) {
            if (instance != null) {
                instance.stop();
            }
        }
    }

    @Test
    @Order(1)
    void bothInstancesAnswerIdenticallyForABatchHeldByOneOfThem() throws Exception {
        publishBatch();
        // Expected: 8 scenes x (2 shots + 1 video) = 24 items; scene 0's shots complete, video_scene_0 failed once
        // and generating again; everything else pending.
        awaitSummaryEverywhere(body -> body.get("counts").get("complete").asInt() == 2
                && body.get("counts").get("generating").asInt() == 1);

        // The status topic is partitioned by batch: the batch's summary and all its items share one partition.
        int batchPartition = instances[0].streams().keyMetadata(AggregatorStores.BATCHES, BATCH).partition();
        for (ItemId id : itemIds()) {
            assertThat(instances[0].streams().keyMetadata(AggregatorStores.ITEMS, id.toString()).partition())
                    .as("the partition of %s", id).isEqualTo(batchPartition);
        }

        for (String path : List.of("/api/batches/" + BATCH, "/api/batches/" + BATCH + "/items")) {
            assertThat(ok(instances[1], path)).as(path + " via both instances").isEqualTo(ok(instances[0], path));
        }
        JsonNode summary = Json.mapper().readTree(ok(instances[0], "/api/batches/" + BATCH));
        assertThat(summary.get("total").asInt()).isEqualTo(24);
        assertThat(summary.get("counts").get("pending").asInt()).isEqualTo(21);
        assertThat(summary.get("retries").asInt()).isEqualTo(1);
        JsonNode items = Json.mapper().readTree(ok(instances[1], "/api/batches/" + BATCH + "/items"));
        assertThat(items.size()).isEqualTo(24);
        List<String> keys = new ArrayList<>();
        items.forEach(item -> keys.add(item.get("itemKey").asString()));
        assertThat(keys).startsWith("scene_0_shot_0", "scene_0_shot_1", "video_scene_0", "scene_1_shot_0")
                .endsWith("video_scene_7");
        for (ItemId id : itemIds()) {
            String path = "/api/batches/" + BATCH + "/items/" + id.itemKey();
            assertThat(ok(instances[1], path)).as(path + " via both instances").isEqualTo(ok(instances[0], path));
        }
        JsonNode video = Json.mapper().readTree(ok(instances[1], "/api/batches/" + BATCH + "/items/video_scene_0"));
        assertThat(video.get("history").size()).isEqualTo(4);

        // The summary was read locally on its owner and forwarded by the other instance, exactly one hop.
        Instance owner = summaryOwner();
        Instance other = owner == instances[0] ? instances[1] : instances[0];
        assertThat(forwards(other, "summary", "ok")).as("summaries forwarded by %s", other).isPositive();
        assertThat(forwards(owner, "summary", "ok")).as("summaries forwarded by the owner %s", owner).isZero();
        assertThat(forwards(owner, "items", "ok") + forwards(other, "items", "ok")).isPositive();
        // The instance endpoint answers from local stores only: asked for a partition it does not hold, an
        // instance says 503 instead of forwarding again (no loops).
        int summaryPartition = owner.streams().keyMetadata(AggregatorStores.BATCHES, BATCH).partition();
        HttpResponse<String> notHere = get(other, "/internal/batches/" + BATCH + "?partition=" + summaryPartition);
        assertThat(notHere.statusCode()).isEqualTo(503);
        assertThat(notHere.headers().firstValue("Retry-After")).contains("1");
        // The instance routes open only with the shared internal secret; a client's key is not enough.
        String internalPath = "/internal/batches/" + BATCH + "?partition=" + summaryPartition;
        assertThat(get(owner, internalPath, "X-API-Key", READ_KEY).statusCode()).isEqualTo(403);
        assertThat(get(owner, internalPath, InternalSecret.HEADER, "not-the-internal-secret").statusCode()).isEqualTo(403);
        assertThat(get(owner, "/api/batches/" + BATCH, "X-Other", "none").statusCode()).isEqualTo(401);

        log.info("MEASURED GET summary, 200 requests each, p50/p99: on the owner (local read) {}; on the other instance "
                + "(one HTTP hop) {}", latency(owner, "/api/batches/" + BATCH), latency(other, "/api/batches/" + BATCH));
        log.info("MEASURED GET items (24 items, one partition of {}, one HTTP hop), 200 requests, p50/p99: {}", PARTITIONS,
                latency(other, "/api/batches/" + BATCH + "/items"));

        assertThat(get(instances[0], "/api/batches/" + BATCH + "-unknown").statusCode()).isEqualTo(404);
        assertThat(get(instances[1], "/api/batches/" + BATCH + "-unknown/items").statusCode()).isEqualTo(404);
        assertThat(get(other, "/api/batches/" + BATCH + "/items/scene_9").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void streamOnTheInstanceThatDoesNotHoldTheBatchSendsItsItemsAndSummary() {
        Instance other = summaryOwner() == instances[0] ? instances[1] : instances[0];
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(other.uri("/api/batches/" + BATCH + "/stream"))
                .header("X-API-Key", READ_KEY)
                .header("Accept", "text/event-stream").build();
        var response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        try {
            // Async: an already arrived response must not be read on this thread (see StatusAggregatorIT).
            response.thenAcceptAsync(r -> r.body().forEach(lines::add));
            await().atMost(Duration.ofSeconds(20)).alias("a summary event from " + other)
                    .until(() -> lines.stream().anyMatch(line -> line.startsWith("data:") && line.contains("\"total\":24")));
            assertThat(lines.stream().filter(line -> line.equals("event:item")).count()).isEqualTo(24);
        } finally {
            response.cancel(true);
        }
    }

    @Test
    @Order(3)
    void survivorAnswersTheSameCountsAfterTheOtherInstanceStops() throws Exception {
        List<Long> failovers = new ArrayList<>();
        List<Long> stops = new ArrayList<>();
        int[] unavailable = new int[1];
        for (int round = 0; round < FAILOVERS; round++) {
            Instance victim = summaryOwner();
            Instance survivor = victim == instances[0] ? instances[1] : instances[0];
            Map<String, String> expected = answers(survivor);
            ItemId victimsItem = itemOwnedBy(victim);
            List<String> paths = List.of("/api/batches/" + BATCH, "/api/batches/" + BATCH + "/items",
                    "/api/batches/" + BATCH + "/items/" + victimsItem.itemKey());

            // Expected from the survivor while the victim stops: for each path either 503 (Retry-After) or exactly
            // the answer from before; never a 404, never other numbers.
            long start = System.nanoTime();
            CompletableFuture<Long> stopped = CompletableFuture.supplyAsync(() -> {
                victim.stop();
                return (System.nanoTime() - start) / 1_000_000;
            });
            await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                    .alias("the survivor " + survivor + " answers everything after " + victim + " stopped")
                    .until(() -> answersAsBefore(survivor, paths, expected, unavailable));
            long failover = (System.nanoTime() - start) / 1_000_000;
            failovers.add(failover);
            stops.add(stopped.join());
            log.info("MEASURED fail-over round {}: {} stopped, {} answered everything after {} ms (victim's stop took {} ms)",
                    round + 1, victim, survivor, failover, stops.get(stops.size() - 1));

            // The survivor now processes the victim's partitions too: a new transition is counted once.
            completeNextItem();
            int expectedComplete = completed;
            JsonNode after = awaitJson(survivor, "/api/batches/" + BATCH,
                    body -> body.get("counts").get("complete").asInt() == expectedComplete);
            assertThat(after.get("total").asInt()).isEqualTo(24);
            assertThat(after.get("counts").get("pending").asInt()).isEqualTo(23 - expectedComplete);

            victim.start();
            awaitBothHoldActivePartitions();
            awaitSummaryEverywhere(body -> body.get("counts").get("complete").asInt() == expectedComplete);
            assertThat(ok(victim, "/api/batches/" + BATCH + "/items"))
                    .isEqualTo(ok(survivor, "/api/batches/" + BATCH + "/items"));
        }
        List<Long> sorted = new ArrayList<>(failovers);
        sorted.sort(null);
        log.info("MEASURED fail-over with standby replicas {}, leave group on stop {}, {} partitions, {} rounds: median {} ms, "
                        + "min {} ms, max {} ms (samples {}; victim stop took {} ms; 503 answers seen by the polling client: {})",
                STANDBYS, LEAVE_GROUP, PARTITIONS, failovers.size(), sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1),
                failovers, stops, unavailable[0]);
        assertThat(sorted.get(sorted.size() - 1)).as("fail-over time").isLessThan(30_000);
    }

    /**
     * One poll of every path on the survivor: true when all answer as before the fail-over; false while any
     * answers 503 (with Retry-After); a failed assertion (404, other numbers) ends the test at once.
     */
    private boolean answersAsBefore(Instance survivor, List<String> paths, Map<String, String> expected,
                                    int[] unavailable) throws Exception {
        boolean all = true;
        for (String path : paths) {
            HttpResponse<String> response = get(survivor, path);
            if (response.statusCode() == 503) {
                assertThat(response.headers().firstValue("Retry-After")).contains("1");
                unavailable[0]++;
                all = false;
            } else {
                assertThat(response.statusCode()).as("GET %s on the survivor during the fail-over", path).isEqualTo(200);
                assertThat(response.body()).as("GET %s on the survivor during the fail-over", path)
                        .isEqualTo(expected.get(path));
            }
        }
        return all;
    }

    private String latency(Instance instance, String path) throws Exception {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long start = System.nanoTime();
            assertThat(get(instance, path).statusCode()).as("GET %s via %s", path, instance).isIn(200, 503);
            micros.add((System.nanoTime() - start) / 1_000);
        }
        micros.sort(null);
        return String.format("%.1f/%.1f ms", micros.get(100) / 1000.0, micros.get(197) / 1000.0);
    }

    private Map<String, String> answers(Instance instance) throws Exception {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String path : List.of("/api/batches/" + BATCH, "/api/batches/" + BATCH + "/items")) {
            answers.put(path, ok(instance, path));
        }
        for (ItemId id : itemIds()) {
            String path = "/api/batches/" + BATCH + "/items/" + id.itemKey();
            answers.put(path, ok(instance, path));
        }
        return answers;
    }

    /**
     * The 200 answer; a 503 (with Retry-After) is a legal moment of rebalancing or of a slow peer on a loaded
     * machine, so it is asked again, as a client would. Anything else fails.
     */
    private String ok(Instance instance, String path) {
        String[] body = new String[1];
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                .alias("GET " + path + " via " + instance).until(() -> {
                    HttpResponse<String> response = get(instance, path);
                    if (response.statusCode() == 503) {
                        return false;
                    }
                    assertThat(response.statusCode()).as("GET %s via %s", path, instance).isEqualTo(200);
                    body[0] = response.body();
                    return true;
                });
        return body[0];
    }

    private Instance summaryOwner() {
        int port = instances[0].streams().keyMetadata(AggregatorStores.BATCHES, BATCH).activeHost().port();
        return instances[0].port == port ? instances[0] : instances[1];
    }

    private ItemId itemOwnedBy(Instance instance) {
        for (ItemId id : itemIds()) {
            if (instance.streams().keyMetadata(AggregatorStores.ITEMS, id.toString()).activeHost().port() == instance.port) {
                return id;
            }
        }
        throw new AssertionError(instance + " holds none of the batch's items");
    }

    private void awaitBothHoldActivePartitions() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .alias("both instances RUNNING, each active for some item and batch partitions")
                // Streams refuses metadata while an instance is between states; ask again on the next poll.
                .ignoreException(IllegalStateException.class)
                .until(() -> {
                    for (Instance instance : instances) {
                        if (instance.streams().state() != KafkaStreams.State.RUNNING) {
                            return false;
                        }
                    }
                    return activeHosts(AggregatorStores.ITEMS).size() == 2 && activeHosts(AggregatorStores.BATCHES).size() == 2;
                });
    }

    private Set<HostInfo> activeHosts(String store) {
        Set<HostInfo> hosts = new HashSet<>();
        AggregatorStreams streams = instances[0].streams();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            hosts.add(streams.partitionMetadata(store, partition).activeHost());
        }
        hosts.remove(HostInfo.unavailable());
        return hosts;
    }

    private void awaitSummaryEverywhere(java.util.function.Predicate<JsonNode> condition) {
        for (Instance instance : instances) {
            awaitJson(instance, "/api/batches/" + BATCH, condition);
        }
    }

    private JsonNode awaitJson(Instance instance, String path, java.util.function.Predicate<JsonNode> condition) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).alias("GET " + path + " via " + instance)
                .until(() -> {
                    HttpResponse<String> response = get(instance, path);
                    if (response.statusCode() != 200) {
                        return false;
                    }
                    last[0] = Json.mapper().readTree(response.body());
                    return condition.test(last[0]);
                });
        return last[0];
    }

    private static List<ItemId> itemIds() {
        List<ItemId> ids = new ArrayList<>();
        for (int scene = 0; scene < SCENES; scene++) {
            ids.add(ItemId.of(BATCH, "scene_" + scene + "_shot_0"));
            ids.add(ItemId.of(BATCH, "scene_" + scene + "_shot_1"));
            ids.add(ItemId.of(BATCH, "video_scene_" + scene));
        }
        return ids;
    }

    private void publishBatch() throws Exception {
        List<StatusEvent> events = new ArrayList<>();
        for (ItemId id : itemIds()) {
            events.add(StatusEvent.pending(id, 0, T0));
        }
        ItemId shot0 = ItemId.of(BATCH, "scene_0_shot_0");
        ItemId shot1 = ItemId.of(BATCH, "scene_0_shot_1");
        ItemId video = ItemId.of(BATCH, "video_scene_0");
        events.add(StatusEvent.generating(shot0, 0, 1, T0.plusMillis(100)));
        events.add(StatusEvent.complete(shot0, 0, 1, T0.plusMillis(900), "sim://" + BATCH + "/scene_0_shot_0/0-1.png"));
        events.add(StatusEvent.generating(shot1, 0, 1, T0.plusMillis(100)));
        events.add(StatusEvent.complete(shot1, 0, 1, T0.plusMillis(950), "sim://" + BATCH + "/scene_0_shot_1/0-1.png"));
        events.add(StatusEvent.generating(video, 0, 1, T0.plusMillis(200)));
        events.add(StatusEvent.failed(video, 0, 1, T0.plusMillis(300), new ItemError(ErrorType.TIMEOUT, "no answer in 30s"),
                T0.plusMillis(2300)));
        events.add(StatusEvent.generating(video, 0, 2, T0.plusMillis(2400)));
        publish(events);
        completed = 2;
    }

    /** Completes the next pending shot of scenes 1..7 (pending and complete counts move by one). */
    private void completeNextItem() throws Exception {
        int index = completed - 2;
        ItemId id = ItemId.of(BATCH, "scene_" + (1 + index / 2) + "_shot_" + (index % 2));
        Instant at = T0.plusSeconds(10L + index);
        publish(List.of(StatusEvent.generating(id, 0, 1, at),
                StatusEvent.complete(id, 0, 1, at.plusMillis(500), "sim://" + BATCH + "/" + id.itemKey() + "/0-1.png")));
        completed++;
    }

    private void publish(List<StatusEvent> events) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, StatusEvent> producer = new KafkaProducer<>(config, new StringSerializer(),
                catalog.status().valueSerde().serializer())) {
            for (StatusEvent event : events) {
                // On the batch's partition, as every writer of the status topic does.
                int partition = StatusPartitioning.partitionOf(event.batchId(),
                        producer.partitionsFor(catalog.status().name()).size());
                producer.send(new ProducerRecord<>(catalog.status().name(), partition, event.itemId().toString(), event));
            }
            producer.flush();
        }
    }

    private double forwards(Instance instance, String query, String outcome) throws Exception {
        String metrics = ok(instance, "/actuator/prometheus");
        for (String line : metrics.split("\n")) {
            if (line.startsWith("genfleet_aggregator_forwards_total{") && line.contains("query=\"" + query + "\"")
                    && line.contains("outcome=\"" + outcome + "\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    /** A GET as the instances and their clients send it: a read key for /api, the internal secret for /internal. */
    private HttpResponse<String> get(Instance instance, String path) throws IOException, InterruptedException {
        return get(instance, path, path.startsWith("/internal/") ? InternalSecret.HEADER : "X-API-Key",
                path.startsWith("/internal/") ? INTERNAL_SECRET : READ_KEY);
    }

    private HttpResponse<String> get(Instance instance, String path, String header, String value)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(instance.uri(path)).header(header, value)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int[] freePorts(int count) throws IOException {
        int[] ports = new int[count];
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
        return ports;
    }

    /** Under target/, so `mvn clean` removes it; kept across an instance's restarts like a pod's volume. */
    private static Path stateDir(String name) throws IOException {
        return Files.createDirectories(Path.of("target", "it-state", "MultiInstanceIT-" + RUN, name)).toAbsolutePath();
    }

    /** One aggregator instance: its own port, state directory and Spring context; same group as the other. */
    private static final class Instance {

        private final String name;
        private final int port;
        private final Path stateDir;
        private volatile ConfigurableApplicationContext context;

        Instance(String name, int port, Path stateDir) {
            this.name = name;
            this.port = port;
            this.stateDir = stateDir;
        }

        void start() {
            context = new SpringApplicationBuilder(StatusAggregatorApplication.class).run(
                    // Command-line arguments: they win over application.yml (default properties would not).
                    "--spring.main.banner-mode=off",
                    "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                    "--spring.kafka.streams.application-id=" + APPLICATION_ID,
                    "--genfleet.topics.prefix=" + PREFIX,
                    "--genfleet.topics.partitions=" + PARTITIONS,
                    "--genfleet.aggregator.state-dir=" + stateDir,
                    "--genfleet.aggregator.application-server=127.0.0.1:" + port,
                    "--genfleet.aggregator.standby-replicas=" + STANDBYS,
                    "--spring.kafka.streams.properties.main.consumer.internal.leave.group.on.close=" + LEAVE_GROUP,
                    "--genfleet.aggregator.stream-interval=100ms",
                    "--genfleet.api-keys=" + READ_KEY + "=read",
                    "--genfleet.internal-secret=" + INTERNAL_SECRET,
                    "--server.address=127.0.0.1",
                    "--server.port=" + port);
        }

        void stop() {
            ConfigurableApplicationContext current = context;
            if (current != null) {
                current.close();
            }
        }

        AggregatorStreams streams() {
            return context.getBean(AggregatorStreams.class);
        }

        TopicCatalog catalog() {
            return context.getBean(TopicCatalog.class);
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        @Override
        public String toString() {
            return "instance " + name + " (:" + port + ")";
        }
    }
}
