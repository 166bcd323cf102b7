package io.genfleet.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.request.Simulation;
import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.status.ItemError;
import io.genfleet.common.status.ItemState;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.status.StatusEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonSerdeTest {

    private static final JsonSerde<StatusEvent> EVENTS = new JsonSerde<>(StatusEvent.class, StatusEvent.SCHEMA_VERSION);
    private static final ItemId ID = ItemId.of("b1", "scene_0");
    private static final Instant AT = Instant.parse("2026-03-04T05:06:07Z");

    @Test
    void writesInstantsWithMillisecondsAndStatusesByWireName() {
        StatusEvent event = StatusEvent.failed(ID, 0, 1, AT, new ItemError(ErrorType.RATE_LIMITED, "429"), AT.plusSeconds(2));
        String json = new String(EVENTS.write(event), StandardCharsets.UTF_8);
        assertThat(json).contains("\"at\":\"2026-03-04T05:06:07.000Z\"", "\"status\":\"failed\"",
                "\"type\":\"rate_limited\"", "\"nextRetryAt\":\"2026-03-04T05:06:09.000Z\"");
        assertThat(EVENTS.read(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(event);
    }

    @Test
    void requestsRoundTrip() {
        var serde = new JsonSerde<>(GenerationRequest.class, GenerationRequest.SCHEMA_VERSION);
        GenerationRequest request = GenerationRequest.first(ID, "a cat", new Simulation(2, ErrorType.TIMEOUT, 10), AT);
        assertThat(serde.read(serde.write(request))).isEqualTo(request);
    }

    @Test
    void requestsWithParamsAndAnImageRoundTripWithTheirTypesAndSurviveTheNextEpochAndARelease() {
        var serde = new JsonSerde<>(GenerationRequest.class, GenerationRequest.SCHEMA_VERSION);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("duration", 5);
        params.put("aspect_ratio", "16:9");
        params.put("cfg.scale", 0.5);
        params.put("loop", false);
        params.put("seed", 12345678901L);
        GenerationRequest request = GenerationRequest.first(ItemId.of("b1", "video_scene_0"), "a fox", null, AT,
                params, "https://cdn.example.com/fox.png");

        String json = new String(serde.write(request), StandardCharsets.UTF_8);
        assertThat(json).contains("\"params\":{\"duration\":5,\"aspect_ratio\":\"16:9\",\"cfg.scale\":0.5,"
                + "\"loop\":false,\"seed\":12345678901}", "\"imageUri\":\"https://cdn.example.com/fox.png\"");
        GenerationRequest read = serde.read(json.getBytes(StandardCharsets.UTF_8));
        assertThat(read).isEqualTo(request);
        GenerationRequest retried = read.nextEpoch(4, AT).released(2, 4, List.of("file:/r/scene_0.png"), AT);
        assertThat(serde.read(serde.write(retried))).satisfies(again -> {
            assertThat(again.params()).isEqualTo(params);
            assertThat(again.imageUri()).isEqualTo("https://cdn.example.com/fox.png");
            assertThat(again.effectiveImageUri()).as("the storyboard's image wins over the inputs")
                    .isEqualTo("https://cdn.example.com/fox.png");
        });
    }

    @Test
    void aRequestWrittenBeforeParamsExistedIsStillRead() {
        var serde = new JsonSerde<>(GenerationRequest.class, GenerationRequest.SCHEMA_VERSION);
        String old = "{\"schemaVersion\":1,\"batchId\":\"b1\",\"itemKey\":\"video_scene_0\",\"prompt\":\"p\","
                + "\"epoch\":1,\"priorAttempts\":4,\"requestedAt\":\"2026-03-04T05:06:07.000Z\","
                + "\"inputs\":[\"file:/r/a.png\",\"file:/r/b.png\"]}";
        GenerationRequest read = serde.read(old.getBytes(StandardCharsets.UTF_8));
        assertThat(read.params()).isNull();
        assertThat(read.imageUri()).isNull();
        assertThat(read.effectiveImageUri()).isEqualTo("file:/r/a.png");
        assertThat(new String(serde.write(read), StandardCharsets.UTF_8)).doesNotContain("params", "imageUri");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"params\":{\"nested\":{\"a\":1}}", "\"params\":{\"bad key\":1}",
            "\"imageUri\":\"file:///etc/passwd\""})
    void aRequestWithInvalidPassThroughIsRefused(String field) {
        var serde = new JsonSerde<>(GenerationRequest.class, GenerationRequest.SCHEMA_VERSION);
        String json = "{\"schemaVersion\":1,\"batchId\":\"b1\",\"itemKey\":\"video_scene_0\",\"prompt\":\"p\","
                + "\"epoch\":0,\"priorAttempts\":0,\"requestedAt\":\"2026-03-04T05:06:07.000Z\"," + field + "}";
        assertThatThrownBy(() -> serde.read(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidMessageException.class);
    }

    @Test
    void storeValuesRoundTrip() {
        ItemState item = ItemState.first(StatusEvent.pending(ID, 0, AT), 50)
                .merge(StatusEvent.failed(ID, 0, 1, AT.plusSeconds(1), new ItemError(ErrorType.TRANSIENT, "503"), AT), 50);
        var items = JsonSerde.unversioned(ItemState.class);
        assertThat(items.read(items.write(item))).isEqualTo(item);

        BatchSummary summary = new BatchSummary("b1", 1, Map.of(ItemStatus.FAILED, 1), 1, AT.plusSeconds(1), AT, null, 1);
        var summaries = JsonSerde.unversioned(BatchSummary.class);
        BatchSummary read = summaries.read(summaries.write(summary));
        assertThat(read).isEqualTo(summary);
        assertThat(read.count(ItemStatus.FAILED)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json",
            "{\"schemaVersion\":2,\"batchId\":\"b1\",\"itemKey\":\"scene_0\",\"status\":\"pending\",\"epoch\":0,\"attempt\":1,\"at\":\"2026-01-01T00:00:00Z\"}",
            "{\"schemaVersion\":1,\"batchId\":\"b1\",\"itemKey\":\"scene_x\",\"status\":\"pending\",\"epoch\":0,\"attempt\":1,\"at\":\"2026-01-01T00:00:00Z\"}",
            "{\"schemaVersion\":1,\"batchId\":\"b1\",\"itemKey\":\"scene_0\",\"status\":\"lost\",\"epoch\":0,\"attempt\":1,\"at\":\"2026-01-01T00:00:00Z\"}",
            "{\"schemaVersion\":1,\"batchId\":\"b1\",\"itemKey\":\"scene_0\",\"status\":\"pending\",\"epoch\":\"zero\",\"attempt\":1,\"at\":\"2026-01-01T00:00:00Z\"}",
            "{\"schemaVersion\":1,\"batchId\":\"b1\",\"itemKey\":\"scene_0\",\"status\":\"pending\",\"attempt\":1,\"at\":\"2026-01-01T00:00:00Z\"}",
            "null",
            "[]"})
    void rejectsUnreadableRecordsWithAReason(String json) {
        assertThatThrownBy(() -> EVENTS.read(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("StatusEvent");
    }

    @Test
    void rejectsOversizedRecordsBeforeParsing() {
        byte[] huge = new byte[JsonSerde.MAX_MESSAGE_BYTES + 1];
        assertThatThrownBy(() -> EVENTS.read(huge)).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("exceeds the limit");
    }
}
