package io.genfleet.worker.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.json.InvalidMessageException;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.topic.TopicCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestReaderTest {

    private static final TopicCatalog CATALOG = TopicCatalog.defaults();
    private static final String IMAGE = "genfleet.image.requests";
    private final RequestReader reader = new RequestReader(CATALOG);

    private static byte[] request(String batchId, String itemKey) {
        GenerationRequest request = GenerationRequest.first(ItemId.of(batchId, itemKey), "a prompt", null,
                Instant.parse("2026-01-01T00:00:00Z"));
        return CATALOG.requests(request.lane()).valueSerde().serializer().serialize("", request);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<byte[], byte[]> record(String topic, byte[] key, byte[] value) {
        return new ConsumerRecord<>(topic, 0, 0L, key, value);
    }

    @Test
    void aRequestIsReadOnItsLaneTopicItsDelayTopicsAndItsDeadLetterTopic() {
        for (String topic : CATALOG.chain(io.genfleet.common.item.Lane.IMAGE)) {
            GenerationRequest read = reader.read(record(topic, utf8("b/scene_0_shot_2"), request("b", "scene_0_shot_2")));
            assertThat(read.itemId()).isEqualTo(ItemId.of("b", "scene_0_shot_2"));
        }
    }

    static Stream<Arguments> unreadable() {
        String tooLarge = "{\"prompt\":\"" + "x".repeat(300 * 1024) + "\"}";
        return Stream.of(
                Arguments.of("no key", null, request("b", "scene_0"), "has no key"),
                Arguments.of("key is not an item id", utf8("b-scene_0"), request("b", "scene_0"), "invalid record key"),
                Arguments.of("key is not UTF-8", new byte[] {(byte) 0xff, (byte) 0xfe}, request("b", "scene_0"),
                        "not UTF-8"),
                Arguments.of("tombstone", utf8("b/scene_0"), null, "no value"),
                Arguments.of("invalid JSON", utf8("b/scene_0"), utf8("{\"schemaVersion\":1,"), "invalid GenerationRequest JSON"),
                Arguments.of("wrong types", utf8("b/scene_0"), utf8("{\"schemaVersion\":\"one\"}"),
                        "invalid GenerationRequest JSON"),
                Arguments.of("missing fields", utf8("b/scene_0"), utf8("{\"schemaVersion\":1,\"batchId\":\"b\"}"),
                        "invalid GenerationRequest JSON"),
                Arguments.of("unknown schemaVersion", utf8("b/scene_0"),
                        utf8(new String(request("b", "scene_0"), StandardCharsets.UTF_8)
                                .replace("\"schemaVersion\":1", "\"schemaVersion\":2")), "unknown schemaVersion 2"),
                Arguments.of("too large", utf8("b/scene_0"), utf8(tooLarge), "exceeds the limit"),
                Arguments.of("key names another item", utf8("b/scene_1"), request("b", "scene_0"), "does not match"),
                Arguments.of("item of the other lane", utf8("b/video_scene_0"), request("b", "video_scene_0"),
                        "belongs to the video lane"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadable")
    void anUnreadableRecordIsAnInvalidMessageWithItsReason(String name, byte[] key, byte[] value, String reason) {
        assertThatThrownBy(() -> reader.read(record(IMAGE, key, value)))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining(reason);
    }
}
