package io.genfleet.producer.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.genfleet.common.item.Lane;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.request.Simulation;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.webhook.Notify;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.producer.ProducerApplication;
import io.genfleet.producer.batch.Storyboards;
import io.genfleet.testing.TestKafka;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The producer against the real broker: a 202 means every item's pending event and request are
 * visible to read_committed readers, exactly once each. (A transaction failing midway:
 * {@link BatchTransactionAbortIT}.)
 */
@SpringBootTest(classes = ProducerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BatchSubmissionIT {

    private static final String PREFIX = "it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private static final StatusServiceStub STATUS = StatusServiceStub.start();

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("genfleet.topics.prefix", () -> PREFIX);
        registry.add("genfleet.topics.partitions", () -> 3);
        registry.add("genfleet.producer.status-url", STATUS::url);
        registry.add("genfleet.api-keys", () -> ApiClient.KEY);
    }

    @AfterAll
    static void stopStatusService() {
        STATUS.close();
    }

    @LocalServerPort
    private int port;
    @Autowired
    private TopicCatalog topics;

    private final TopicReader reader = new TopicReader(TestKafka.bootstrapServers());

    @Test
    void committedBatchIsVisibleToReadCommittedReadersExactlyOnce() {
        String batchId = "ok-" + UUID.randomUUID();
        String body = """
                {"batchId": "%s", "scenes": [
                  {"prompt": "harbour at dawn", "shots": [{"prompt": "wide"}, {"prompt": "close", "simulate": {"failTimes": 2, "error": "timeout"}}],
                   "video": {"simulate": {"latencyMs": 50}}},
                  {"prompt": "market", "video": {"prompt": "market, slow pan", "independent": true}},
                  {"prompt": "night", "shots": [{"prompt": "stars"}]}
                ]}""".formatted(batchId);
        List<String> expectedKeys = List.of("scene_0_shot_0", "scene_0_shot_1", "video_scene_0", "scene_1",
                "video_scene_1", "scene_2_shot_0");

        HttpResponse<String> response = api().submit(body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.body()).contains("\"total\":6");
        // Expected: 6 pending events on the status topic, 4 requests on the image lane, 1 on the video lane (the
        // independent video; video_scene_0 waits for its shots: its request rides on its pending event), each keyed
        // {batchId}/{itemKey}, each exactly once.
        List<ConsumerRecord<String, byte[]>> status = reader.awaitCommitted(topics.status().name(), batchId, 6);
        List<ConsumerRecord<String, byte[]>> images = reader.awaitCommitted(topics.requests(Lane.IMAGE).name(), batchId, 4);
        List<ConsumerRecord<String, byte[]>> videos = reader.awaitCommitted(topics.requests(Lane.VIDEO).name(), batchId, 1);

        assertThat(keys(status)).containsExactlyInAnyOrderElementsOf(ids(batchId, expectedKeys));
        assertThat(keys(images)).containsExactlyInAnyOrderElementsOf(
                ids(batchId, List.of("scene_0_shot_0", "scene_0_shot_1", "scene_1", "scene_2_shot_0")));
        assertThat(keys(videos)).containsExactlyInAnyOrderElementsOf(ids(batchId, List.of("video_scene_1")));

        List<StatusEvent> events = status.stream().map(r -> topics.status().valueSerde().deserializer()
                .deserialize(r.topic(), r.value())).toList();
        assertThat(events).allSatisfy(event -> {
            assertThat(event.status()).isEqualTo(ItemStatus.PENDING);
            assertThat(event.epoch()).isZero();
            assertThat(event.attempt()).isEqualTo(1);
        });
        StatusEvent held = events.stream().filter(e -> e.itemKey().equals("video_scene_0")).findFirst().orElseThrow();
        assertThat(held.hold().dependsOn()).containsExactly("scene_0_shot_0", "scene_0_shot_1");
        assertThat(events.stream().filter(e -> e.hold() != null)).hasSize(1);
        Map<String, GenerationRequest> requests = new java.util.HashMap<>(java.util.stream.Stream.concat(images.stream(),
                        videos.stream())
                .map(r -> topics.requests(Lane.IMAGE).valueSerde().deserializer().deserialize(r.topic(), r.value()))
                .collect(Collectors.toMap(GenerationRequest::itemKey, r -> r)));
        requests.put("video_scene_0", held.hold().request());
        assertThat(requests.get("scene_0_shot_1").simulate()).isEqualTo(new Simulation(2, ErrorType.TIMEOUT, null));
        assertThat(requests.get("video_scene_0").prompt()).isEqualTo("harbour at dawn");
        assertThat(requests.get("video_scene_0").simulate()).isEqualTo(new Simulation(null, null, 50));
        assertThat(requests.get("video_scene_1").prompt()).isEqualTo("market, slow pan");
        assertThat(requests.values()).allSatisfy(r -> assertThat(r.epoch()).isZero());
        assertThat(api().get("/actuator/prometheus")).contains("genfleet_batches_submitted_total")
                .contains("genfleet_items_submitted_total{lane=\"video\"}");
    }

    @Test
    void largestAllowedBatchCommitsInOneTransactionWithinTheTimeouts() {
        String batchId = "max-" + UUID.randomUUID();
        // 200 scenes x 50 shots, each scene with a video: 200 * (50 + 1) = 10,200 items, 20,400 records.
        String body = Storyboards.json(batchId, 200, 50, true);
        long started = System.nanoTime();

        HttpResponse<String> response = api().submit(body);

        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        System.out.printf("largest batch: %d items (%d KB request) committed in %d ms%n", 10_200, body.length() / 1024,
                millis);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.body()).contains("\"total\":10200");
        assertThat(reader.awaitCommitted(topics.status().name(), batchId, 10_200)).hasSize(10_200);
        // Every video waits for its scene's shots: its request rides on its pending event, none on the video lane.
        assertThat(reader.awaitCommitted(topics.status().name(), batchId, 10_200).stream()
                .map(r -> topics.status().valueSerde().deserializer().deserialize(r.topic(), r.value()))
                .filter(event -> event.hold() != null && event.hold().request() != null)).hasSize(200);
    }

    @Test
    void smallBatchesAreAnsweredAfterTheCommitInMilliseconds() {
        api().submit(Storyboards.json("warm-" + UUID.randomUUID(), 2, 2, true)); // a producer is created once
        List<Long> millis = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = api().submit(Storyboards.json("small-" + UUID.randomUUID(), 2, 2, true));
            millis.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        }
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.printf("small batch (6 items): median %d ms, max %d ms over 20 submissions%n", sorted.get(10),
                sorted.get(19));
        assertThat(sorted.get(19)).as("slowest submission, ms").isLessThan(10_000);
    }

    @Test
    void paramsAndTheVideosImageTravelOnTheRequests() {
        String batchId = "params-" + UUID.randomUUID();
        String body = """
                {"batchId": "%s", "scenes": [
                  {"prompt": "harbour", "params": {"size": "1536x1024", "seed": 7},
                   "shots": [{"prompt": "wide", "params": {"seed": 8, "hd": true}}],
                   "video": {"params": {"duration": 5, "cfg": 0.5}, "imageUri": "https://cdn.example.com/h.png"}}
                ]}""".formatted(batchId);

        HttpResponse<String> response = api().submit(body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        // Expected: the shot's request on the image lane with its scene's params under its own; the video's held
        // request (on its pending event) with its own params and image.
        ConsumerRecord<String, byte[]> image = reader.awaitCommitted(topics.requests(Lane.IMAGE).name(), batchId, 1).get(0);
        GenerationRequest shot = topics.requests(Lane.IMAGE).valueSerde().deserializer().deserialize(image.topic(),
                image.value());
        assertThat(shot.params()).isEqualTo(Map.of("size", "1536x1024", "seed", 8, "hd", true));
        assertThat(shot.imageUri()).isNull();
        StatusEvent held = reader.awaitCommitted(topics.status().name(), batchId, 2).stream()
                .map(r -> topics.status().valueSerde().deserializer().deserialize(r.topic(), r.value()))
                .filter(event -> event.hold() != null).findFirst().orElseThrow();
        assertThat(held.hold().request().params()).isEqualTo(Map.of("duration", 5, "cfg", 0.5));
        assertThat(held.hold().request().imageUri()).isEqualTo("https://cdn.example.com/h.png");
    }

    @Test
    void invalidParamsAreAProblemNamingTheFieldAndWriteNothing() {
        String batchId = "bad-params-" + UUID.randomUUID();
        String body = """
                {"batchId": "%s", "scenes": [
                  {"prompt": "harbour", "params": {"seed": 7}, "video": {"params": {"motion": {"x": 1}},
                   "imageUri": "ftp://example.com/h.png"}},
                  {"prompt": "night"}
                ]}""".formatted(batchId);

        HttpResponse<String> response = api().submit(body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("scenes[0].video.params.motion", "was an object",
                "scenes[0].video.imageUri", "absolute https or http");
        assertThat(reader.readBatch(topics.status().name(), IsolationLevel.READ_UNCOMMITTED, batchId)).isEmpty();
        assertThat(reader.readBatch(topics.requests(Lane.IMAGE).name(), IsolationLevel.READ_UNCOMMITTED, batchId))
                .isEmpty();
    }

    @Test
    void knownBatchIdIsAConflictAndWritesNothing() {
        String batchId = "known-" + UUID.randomUUID();
        STATUS.known.add(batchId);

        HttpResponse<String> response = api().submit(Storyboards.json(batchId, 2, 0, true));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(reader.readBatch(topics.status().name(), IsolationLevel.READ_UNCOMMITTED, batchId)).isEmpty();
    }

    @Test
    void aNotifyTravelsOnEveryPendingEventAndARefusedOneWritesNothing() {
        String batchId = "notify-" + UUID.randomUUID();
        String refusedId = "notify-refused-" + UUID.randomUUID();
        String notify = "{\"url\": \"https://93.184.216.34/hooks/genfleet\", \"events\": [\"batch.done\"]}";
        String refused = "{\"url\": \"https://127.0.0.1/hooks\", \"events\": [\"batch.done\"]}";

        HttpResponse<String> accepted = api().submit("{\"batchId\": \"" + batchId
                + "\", \"scenes\": [{\"prompt\": \"a\", \"video\": {}}, {\"prompt\": \"b\"}], \"notify\": " + notify + "}");
        HttpResponse<String> rejected = api().submit("{\"batchId\": \"" + refusedId
                + "\", \"scenes\": [{\"prompt\": \"a\"}], \"notify\": " + refused + "}");

        // Expected: 3 pending events, each (the held video's too) carrying the receiver; the refused batch: a 400
        // naming notify.url and nothing on the status topic.
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        List<StatusEvent> events = reader.awaitCommitted(topics.status().name(), batchId, 3).stream()
                .map(r -> topics.status().valueSerde().deserializer().deserialize(r.topic(), r.value())).toList();
        assertThat(events).extracting(StatusEvent::webhook).containsOnly(
                new Notify("https://93.184.216.34/hooks/genfleet", List.of("batch.done")));
        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(rejected.body()).contains("notify.url").contains("non-public address 127.0.0.1");
        assertThat(reader.readBatch(topics.status().name(), IsolationLevel.READ_UNCOMMITTED, refusedId)).isEmpty();
    }

    private static List<String> keys(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(ConsumerRecord::key).toList();
    }

    private static Set<String> ids(String batchId, List<String> itemKeys) {
        return itemKeys.stream().map(key -> batchId + "/" + key).collect(Collectors.toSet());
    }

    private ApiClient api() {
        return new ApiClient(port);
    }
}
