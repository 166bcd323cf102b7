package io.genfleet.common.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

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

    /** The hand-written parser answers exactly what the contract's grammar, as a regular expression, answers. */
    @Test
    void theParserAgreesWithTheGrammarOnRandomText() {
        String index = "(0|[1-9][0-9]{0,8})";
        Pattern grammar = Pattern.compile("scene_" + index + "|scene_" + index + "_shot_" + index + "|video_scene_" + index);
        String[] pieces = {"scene_", "_shot_", "video_", "video_scene_", "0", "1", "7", "09", "123456789", "1234567890",
                "_", "s", "-", " ", "/"};
        Random random = new Random(20261206);
        int valid = 0;
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(5); n >= 0; n--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String candidate = text.toString();
            boolean expected = grammar.matcher(candidate).matches();
            if (expected) {
                valid++;
                assertThat(ItemKey.parse(candidate).toString()).as(candidate).isEqualTo(candidate);
            } else {
                assertThatIllegalArgumentException().as(candidate).isThrownBy(() -> ItemKey.parse(candidate));
            }
        }
        assertThat(valid).as("the random texts include valid keys").isGreaterThan(300);
    }

    /** The batch id check, written out by hand, answers what {@link ItemId#BATCH_ID} answers. */
    @Test
    void theBatchIdCheckAgreesWithItsPattern() {
        String alphabet = "aZ09._-/ é+";
        Random random = new Random(20261206);
        int valid = 0;
        for (int i = 0; i < 50_000; i++) {
            int length = random.nextInt(4) == 0 ? 60 + random.nextInt(8) : random.nextInt(6);
            StringBuilder text = new StringBuilder();
            for (int n = 0; n < length; n++) {
                text.append(alphabet.charAt(random.nextInt(random.nextInt(4) == 0 ? alphabet.length() : 7)));
            }
            String candidate = text.toString();
            boolean expected = ItemId.BATCH_ID.matcher(candidate).matches();
            valid += expected ? 1 : 0;
            assertThat(ItemId.isValidBatchId(candidate)).as("'%s'", candidate).isEqualTo(expected);
        }
        assertThat(valid).isGreaterThan(1_000);
        assertThat(ItemId.isValidBatchId(null)).isFalse();
    }
}
