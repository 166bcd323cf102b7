package io.genfleet.standalone;

import static io.genfleet.standalone.FleetApi.is;
import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.item.Lane;
import io.genfleet.common.json.Json;
import io.genfleet.common.kafka.CommittedReads;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.standalone.fleet.FleetOptions;
import io.genfleet.standalone.fleet.RunningFleet;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Scene videos that wait for their scene's images, end to end on the all-in-one fleet (embedded broker, producer,
 * worker, aggregator): the aggregator releases each video once its images are complete, with their results as inputs;
 * a failed image ends its video {@code dependency_failed} without a provider call, and retry-failed runs both again.
 */
class DependentItemsIT {

    private static final Map<String, String> SETTINGS = Map.of(
            "genfleet.worker.provider.latency-min", "20ms",
            "genfleet.worker.provider.latency-max", "80ms",
            "genfleet.worker.provider.failure-rate", "0",
            "genfleet.topics.retry-delays", "300ms,600ms,900ms");
    private static final TopicCatalog TOPICS = new TopicCatalog("genfleet.",
            List.of(Duration.ofMillis(300), Duration.ofMillis(600), Duration.ofMillis(900)));

    private static RunningFleet fleet;
    private static FleetApi api;

    @BeforeAll
    static void startFleet() throws IOException {
        fleet = RunningFleet.start(new FleetOptions(0, Files.createTempDirectory("genfleet-dependent-it-"), true,
                SETTINGS));
        api = new FleetApi(fleet.baseUrl(), fleet.apiKey().value());
    }

    @AfterAll
    static void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void everyVideoRunsAfterItsImagesCompleteAndCarriesTheirResults() {
        String batch = submit("story", """
                {"batchId": "%s", "scenes": [
                  {"prompt": "a castle", "shots": [{"prompt": "wide"}, {"prompt": "close"}], "video": {}},
                  {"prompt": "a forest", "video": {"prompt": "leaves fall"}},
                  {"prompt": "a river", "shots": [{"prompt": "bank"}, {"prompt": "bridge"}], "video": {"fromShot": 1}}]}""");
        Map<String, List<String>> dependsOn = Map.of(
                "video_scene_0", List.of("scene_0_shot_0", "scene_0_shot_1"),
                "video_scene_1", List.of("scene_1"),
                "video_scene_2", List.of("scene_2_shot_1"));

        List<JsonNode> items = api.awaitItems(batch, 8, "all 8 items complete", is("complete", 0));

        Map<String, String> results = new HashMap<>();
        items.forEach(item -> results.put(item.path("itemKey").asString(), item.path("resultUri").asString()));
        // The status topic holds a batch on one partition, in the order the aggregator applied it: every video's
        // first generating comes after the complete of each image it waits for.
        List<ConsumerRecord<String, byte[]>> status = committed(TOPICS.status().name(), batch);
        Map<String, Long> completeOffset = new HashMap<>();
        Map<String, Long> firstGenerating = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : status) {
            StatusEvent event = Json.mapper().readValue(record.value(), StatusEvent.class);
            if (event.status() == ItemStatus.COMPLETE) {
                completeOffset.putIfAbsent(event.itemKey(), record.offset());
            } else if (event.status() == ItemStatus.GENERATING) {
                firstGenerating.putIfAbsent(event.itemKey(), record.offset());
            }
        }
        assertThat(status.stream().map(ConsumerRecord::partition).distinct()).hasSize(1);
        dependsOn.forEach((video, images) -> images.forEach(image ->
                assertThat(firstGenerating.get(video)).as("%s starts after %s completes", video, image)
                        .isGreaterThan(completeOffset.get(image))));
        System.out.printf("status offsets of batch %s: complete %s, first generating %s%n", batch, completeOffset,
                firstGenerating);
        // Exactly one request per video, released by the aggregator with the results of what it waited for.
        List<GenerationRequest> videos = requests(Lane.VIDEO, batch);
        assertThat(videos).extracting(GenerationRequest::itemKey)
                .containsExactlyInAnyOrder("video_scene_0", "video_scene_1", "video_scene_2");
        assertThat(videos).allSatisfy(request -> assertThat(request.inputs())
                .containsExactlyElementsOf(dependsOn.get(request.itemKey()).stream().map(results::get).toList()));
        assertThat(videos.get(0).inputs().get(0)).startsWith("sim://" + batch + "/");
        JsonNode summary = api.get("/api/batches/" + batch);
        assertThat(summary.path("total").asInt()).isEqualTo(8);
        assertThat(summary.path("counts").path("complete").asInt()).isEqualTo(8);
        assertThat(summary.path("done").asBoolean()).isTrue();
    }

    @Test
    void aFailedImageEndsItsVideoDependencyFailedAndRetryFailedRunsBothAgain() {
        String batch = submit("fail", """
                {"batchId": "%s", "scenes": [
                  {"prompt": "a storm", "simulate": {"failTimes": 1, "error": "permanent"}, "video": {}}]}""");

        List<JsonNode> failed = api.awaitItems(batch, 2, "both items failed_permanent in epoch 0",
                is("failed_permanent", 0));
        JsonNode video = failed.stream().filter(item -> "video_scene_0".equals(item.path("itemKey").asString()))
                .findFirst().orElseThrow();
        assertThat(video.path("lastError").path("type").asString()).isEqualTo("dependency_failed");
        assertThat(requests(Lane.VIDEO, batch)).as("no provider call for the video: no request").isEmpty();
        JsonNode summary = api.get("/api/batches/" + batch);
        assertThat(summary.path("counts").path("failed_permanent").asInt()).isEqualTo(2);
        assertThat(summary.path("done").asBoolean()).isTrue();

        JsonNode retry = api.retryFailed(batch);

        assertThat(retry.path("requeued").asInt()).isEqualTo(2);
        // failTimes 1 counts across epochs: the image completes at epoch 1, attempt 1, and releases its video.
        List<JsonNode> done = api.awaitItems(batch, 2, "both items complete in epoch 1", is("complete", 1));
        assertThat(done).allSatisfy(item -> assertThat(item.path("attempt").asInt()).isEqualTo(1));
        List<GenerationRequest> videos = requests(Lane.VIDEO, batch);
        assertThat(videos).singleElement().satisfies(request -> {
            assertThat(request.epoch()).isEqualTo(1);
            assertThat(request.inputs()).containsExactly("sim://" + batch + "/scene_0/1-1.png");
        });
        JsonNode after = api.get("/api/batches/" + batch);
        assertThat(after.path("counts").path("complete").asInt()).isEqualTo(2);
        assertThat(after.path("counts").path("failed_permanent").asInt()).isZero();
        assertThat(after.path("done").asBoolean()).isTrue();
    }

    private static String submit(String name, String storyboardTemplate) {
        String batch = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        var response = api.post("/api/batches", storyboardTemplate.formatted(batch));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return batch;
    }

    private static List<GenerationRequest> requests(Lane lane, String batch) {
        return committed(TOPICS.requests(lane).name(), batch).stream()
                .map(r -> Json.mapper().readValue(r.value(), GenerationRequest.class)).toList();
    }

    private static List<ConsumerRecord<String, byte[]>> committed(String topic, String batch) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = CommittedReads.consumer(CommittedReads.consumerConfig(
                Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, fleet.bootstrapServers()), "dependent-it"))) {
            List<TopicPartition> partitions = CommittedReads.partitions(consumer, topic, Duration.ofSeconds(30));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            CommittedReads.readToEnd(consumer, partitions, Duration.ofSeconds(30), record -> {
                if (record.key() != null && record.key().startsWith(batch + "/")) {
                    records.add(record);
                }
            });
        }
        return records;
    }
}
