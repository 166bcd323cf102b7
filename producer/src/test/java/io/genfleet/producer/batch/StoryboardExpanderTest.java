package io.genfleet.producer.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.genfleet.common.item.ItemKey;
import io.genfleet.common.item.Lane;
import io.genfleet.common.request.Simulation;
import io.genfleet.common.status.ErrorType;
import io.genfleet.producer.batch.SubmitBatchRequest.Scene;
import io.genfleet.producer.batch.SubmitBatchRequest.Shot;
import io.genfleet.producer.batch.SubmitBatchRequest.Simulate;
import io.genfleet.producer.batch.SubmitBatchRequest.Video;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StoryboardExpanderTest {

    private final StoryboardExpander expander = new StoryboardExpander();

    @Test
    void sceneWithoutShotsIsOneImageAndShotsReplaceTheSceneImage() {
        SubmitBatchRequest request = new SubmitBatchRequest("b1", List.of(
                new Scene("a castle", null, null, null),
                new Scene("a forest", List.of(new Shot("wide", null), new Shot("close", null)), new Video(null, null), null),
                new Scene("a river", List.of(), new Video("the river flows", null), null)));

        Batch batch = expander.expand("b1", request);

        assertThat(batch.itemKeys()).containsExactly("scene_0", "scene_1_shot_0", "scene_1_shot_1", "video_scene_1",
                "scene_2", "video_scene_2");
        assertThat(batch.items()).extracting(BatchItem::prompt).containsExactly("a castle", "wide", "close",
                "a forest", "a river", "the river flows");
        assertThat(batch.items()).allSatisfy(item -> assertThat(item.id().batchId()).isEqualTo("b1"));
    }

    @Test
    void paramsGoWithTheirItemAndAShotsOwnWinOverItsScenes() {
        Map<String, Object> sceneParams = new LinkedHashMap<>();
        sceneParams.put("size", "1024x1024");
        sceneParams.put("seed", 1);
        SubmitBatchRequest request = new SubmitBatchRequest("b1", List.of(
                new Scene("a castle", null, new Video(null, null, null, true, Map.of("duration", 5),
                        "https://cdn.example.com/castle.png"), null, sceneParams),
                new Scene("a forest", List.of(new Shot("wide", null, Map.of("seed", 2, "quality", "high")),
                        new Shot("close", null)), new Video(null, null), null, sceneParams),
                new Scene("a river", List.of(new Shot("wide", null, Map.of("seed", 3))), null, null)));

        Map<String, BatchItem> items = expander.expand("b1", request).items().stream()
                .collect(Collectors.toMap(item -> item.id().itemKey().toString(), item -> item));

        assertThat(items.get("scene_0").params()).isEqualTo(sceneParams);
        assertThat(items.get("scene_0").imageUri()).isNull();
        assertThat(items.get("video_scene_0").params()).as("a video does not take its scene's params")
                .isEqualTo(Map.of("duration", 5));
        assertThat(items.get("video_scene_0").imageUri()).isEqualTo("https://cdn.example.com/castle.png");
        assertThat(items.get("scene_1_shot_0").params()).containsExactly(entry("size", "1024x1024"), entry("seed", 2),
                entry("quality", "high"));
        assertThat(items.get("scene_1_shot_1").params()).isEqualTo(sceneParams);
        assertThat(items.get("video_scene_1").params()).isNull();
        assertThat(items.get("video_scene_1").imageUri()).isNull();
        assertThat(items.get("scene_2_shot_0").params()).isEqualTo(Map.of("seed", 3));
    }

    @Test
    void aVideoWaitsForItsScenesImagesUnlessItPicksAShotOrIsIndependent() {
        List<Shot> twoShots = List.of(new Shot("wide", null), new Shot("close", null));
        SubmitBatchRequest request = new SubmitBatchRequest("b1", List.of(
                new Scene("plain", null, new Video(null, null), null),
                new Scene("shots", twoShots, new Video(null, null), null),
                new Scene("picked", twoShots, new Video(null, null, 1, null), null),
                new Scene("alone", twoShots, new Video(null, null, null, true), null)));

        Batch batch = expander.expand("b1", request);

        assertThat(batch.items().stream().filter(item -> item.id().itemKey().lane() == Lane.VIDEO)
                .map(item -> item.dependsOn().stream().map(ItemKey::toString).toList()))
                .containsExactly(List.of("scene_0"), List.of("scene_1_shot_0", "scene_1_shot_1"),
                        List.of("scene_2_shot_1"), List.of());
        assertThat(batch.items().stream().filter(item -> item.id().itemKey().lane() == Lane.IMAGE))
                .allSatisfy(item -> assertThat(item.dependsOn()).isEmpty());
    }

    @Test
    void eachItemTakesItsOwnSimulation() {
        Simulate sceneSim = new Simulate(1, "timeout", null);
        Simulate shotSim = new Simulate(4, "permanent", 10);
        Simulate videoSim = new Simulate(2, null, 500);
        SubmitBatchRequest request = new SubmitBatchRequest("b1", List.of(
                new Scene("s0", null, new Video(null, videoSim), sceneSim),
                new Scene("s1", List.of(new Shot("shot", shotSim), new Shot("plain", null)), null, sceneSim)));

        Batch batch = expander.expand("b1", request);

        assertThat(batch.items()).extracting(BatchItem::simulate).containsExactly(
                new Simulation(1, ErrorType.TIMEOUT, null),     // scene_0: the scene's
                new Simulation(2, null, 500),                   // video_scene_0: the video's
                new Simulation(4, ErrorType.PERMANENT, 10),     // scene_1_shot_0: the shot's
                null);                                          // scene_1_shot_1: none (not the scene's)
    }

    /** Property: N scenes of M shots make N * (max(M,1) + video) items, each key once, in storyboard order. */
    @ParameterizedTest(name = "{0} scenes x {1} shots, video {2}")
    @MethodSource("storyboardShapes")
    void itemCountFollowsTheStoryboard(int scenes, int shots, boolean video) {
        Batch batch = expander.expand("b", Storyboards.of("b", scenes, shots, video));

        assertThat(batch.items()).hasSize(scenes * (Math.max(shots, 1) + (video ? 1 : 0)));
        List<ItemKey> keys = batch.items().stream().map(item -> item.id().itemKey()).toList();
        assertThat(Set.copyOf(keys)).hasSameSizeAs(keys);
        assertThat(keys).isSorted();
        assertThat(keys.stream().filter(key -> key.lane() == Lane.VIDEO).count()).isEqualTo(video ? scenes : 0);
        assertThat(keys.stream().map(ItemKey::scene).collect(Collectors.toSet())).hasSize(scenes);
    }

    /** The edges plus 200 shapes drawn from a fixed seed (reproducible). */
    static Stream<Arguments> storyboardShapes() {
        Random random = new Random(6);
        Stream<Arguments> edges = Stream.of(Arguments.of(1, 0, false), Arguments.of(1, 0, true),
                Arguments.of(40, 12, true), Arguments.of(40, 0, false));
        return Stream.concat(edges, IntStream.range(0, 200).mapToObj(i ->
                Arguments.of(1 + random.nextInt(40), random.nextInt(13), random.nextBoolean())));
    }
}
