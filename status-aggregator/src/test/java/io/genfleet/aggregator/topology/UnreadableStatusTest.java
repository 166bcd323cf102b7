package io.genfleet.aggregator.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.json.InvalidMessageException;
import io.genfleet.common.json.Json;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.status.StatusEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.kafka.support.KafkaHeaders;

class UnreadableStatusTest {

    private static final ItemId ITEM = ItemId.of("b-1", "scene_0");
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00.000Z");

    @TempDir
    Path stateDir;

    static Stream<Arguments> unreadableRecords() {
        String valid = Json.writeString(StatusEvent.pending(ITEM, 0, T0));
        return Stream.of(
                Arguments.of("invalid JSON", "b-1/scene_0", "{not json".getBytes(StandardCharsets.UTF_8),
                        "invalid StatusEvent JSON"),
                Arguments.of("unknown schemaVersion", "b-1/scene_0",
                        valid.replace("\"schemaVersion\":1", "\"schemaVersion\":99").getBytes(StandardCharsets.UTF_8),
                        "unknown schemaVersion 99"),
                Arguments.of("unknown status", "b-1/scene_0",
                        valid.replace("pending", "sleeping").getBytes(StandardCharsets.UTF_8), "invalid StatusEvent"),
                Arguments.of("key of another item", "b-1/scene_9", valid.getBytes(StandardCharsets.UTF_8),
                        "is not the event's item id"),
                Arguments.of("tombstone", "b-1/scene_0", null, "tombstone"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableRecords")
    void unreadableRecordGoesToTheDeadLetterTopicAndProcessingContinues(String name, String key, byte[] value,
                                                                        String reason) {
        try (TopologyFixture fixture = new TopologyFixture(50, stateDir)) {
            fixture.pipeRaw(key, value);
            fixture.pipe(StatusEvent.pending(ITEM, 0, T0));

            TestRecord<String, byte[]> dead = fixture.deadLetters().readRecord();
            assertThat(dead.key()).isEqualTo(key);
            assertThat(dead.value()).isEqualTo(value);
            Headers headers = dead.headers();
            assertThat(text(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains(reason);
            assertThat(text(headers, KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(InvalidMessageException.class.getName());
            assertThat(text(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo("genfleet.status");
            assertThat(ByteBuffer.wrap(headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET).value()).getLong())
                    .isZero();
            assertThat(fixture.deadLetters().isEmpty()).isTrue();
            assertThat(fixture.unreadableReasons).singleElement().asString().contains(reason);

            // The next, readable record is aggregated as usual.
            assertThat(fixture.summary("b-1").total()).isEqualTo(1);
            assertThat(fixture.summary("b-1").count(ItemStatus.PENDING)).isEqualTo(1);
        }
    }

    private static String text(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
