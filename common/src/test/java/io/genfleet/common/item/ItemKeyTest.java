package io.genfleet.common.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

class ItemKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {"scene_0", "scene_12", "scene_3_shot_0", "scene_0_shot_49", "video_scene_7"})
    void parsesAndFormatsTheContractSpellings(String text) {
        assertThat(ItemKey.parse(text).toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "scene", "scene_", "scene_-1", "scene_01", "Scene_1", "scene_1_shot_", "scene_1_shot_02",
            "video_scene_1_shot_0", "video_1", "scene_1 ", " scene_1", "scene_1/x", "scene_9999999999", "image_scene_1"})
    void rejectsAnythingElse(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> ItemKey.parse(text)).withMessageContaining("invalid item key");
    }

    /** Property: every valid key, random and at the edges, parses back to itself. */
    @ParameterizedTest
    @MethodSource("validKeys")
    void everyKeyRoundTrips(ItemKey key) {
        assertThat(ItemKey.parse(key.toString())).isEqualTo(key);
    }

    static Stream<ItemKey> validKeys() {
        Random random = new Random(20261128);
        Stream<ItemKey> edges = Stream.of(ItemKey.sceneImage(0), ItemKey.shotImage(0, 0), ItemKey.sceneVideo(0),
                ItemKey.sceneImage(999_999_999), ItemKey.shotImage(999_999_999, 999_999_999));
        Stream<ItemKey> randomKeys = IntStream.range(0, 500).mapToObj(i -> switch (random.nextInt(3)) {
            case 0 -> ItemKey.sceneImage(random.nextInt(100_000));
            case 1 -> ItemKey.shotImage(random.nextInt(100_000), random.nextInt(1000));
            default -> ItemKey.sceneVideo(random.nextInt(100_000));
        });
        return Stream.concat(edges, randomKeys);
    }

    @ParameterizedTest
    @ValueSource(strings = {"scene_0", "scene_1_shot_2", "video_scene_3"})
    void laneFollowsFromTheKey(String text) {
        assertThat(ItemKey.parse(text).lane()).isEqualTo(text.startsWith("video") ? Lane.VIDEO : Lane.IMAGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"b/scene_0", "a-b.c_D9/video_scene_2"})
    void itemIdRoundTrips(String text) {
        assertThat(ItemId.parse(text).toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"scene_0", "/scene_0", "b c/scene_0", "b/", "b/scene_0/x"})
    void itemIdRejectsBadInput(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> ItemId.parse(text));
    }

    @org.junit.jupiter.api.Test
    void storyboardOrderPutsImagesBeforeTheVideoOfEachScene() {
        var keys = new java.util.ArrayList<>(java.util.List.of(ItemKey.parse("video_scene_0"), ItemKey.parse("scene_1"),
                ItemKey.parse("scene_0_shot_1"), ItemKey.parse("scene_0_shot_0")));
        java.util.Collections.sort(keys);
        assertThat(keys).extracting(ItemKey::toString)
                .containsExactly("scene_0_shot_0", "scene_0_shot_1", "video_scene_0", "scene_1");
    }
}
