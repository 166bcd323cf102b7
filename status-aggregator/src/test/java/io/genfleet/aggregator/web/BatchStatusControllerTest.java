package io.genfleet.aggregator.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.genfleet.aggregator.query.StatusQueryService;
import io.genfleet.aggregator.query.StatusUnavailableException;
import io.genfleet.aggregator.topology.Summaries;
import io.genfleet.common.item.ItemId;
import io.genfleet.common.json.Json;
import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.DeadLetterRef;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.status.ItemError;
import io.genfleet.common.status.ItemState;
import io.genfleet.common.status.StatusEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** The HTTP shape of the contract, with the stores replaced by a mocked query service. */
@WebMvcTest(controllers = {BatchStatusController.class, BatchStreamController.class},
        properties = {"genfleet.topics.create=false",
        // The controllers' HTTP shape; the key check in front of them is ApiSecurityIT's subject.
        "genfleet.security.allow-anonymous=true"})
@Import(BatchEventStreams.class)
class BatchStatusControllerTest {

    private static final String BATCH = "b-1";
    private static final ItemId SHOT = ItemId.of(BATCH, "scene_0_shot_1");
    private static final ItemId VIDEO = ItemId.of(BATCH, "video_scene_0");
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00.120Z");
    private static final ItemError RATE_LIMITED = new ItemError(ErrorType.RATE_LIMITED, "429 from provider");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    StatusQueryService query;

    @Test
    void summaryHasExactlyTheContractFields() throws Exception {
        given(query.summary(BATCH)).willReturn(Optional.of(summary()));

        MvcResult result = mvc.perform(get("/api/batches/{id}", BATCH))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.batchId").value(BATCH))
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.counts.complete").value(1))
                .andExpect(jsonPath("$.counts.failed").value(1))
                .andExpect(jsonPath("$.counts.failed_permanent").value(0))
                .andExpect(jsonPath("$.retries").value(1))
                .andExpect(jsonPath("$.progress").value(0.5))
                .andExpect(jsonPath("$.done").value(false))
                .andExpect(jsonPath("$.updatedAt").value("2025-01-01T10:00:05.120Z"))
                .andReturn();

        JsonNode body = body(result);
        assertThat(names(body)).containsExactlyInAnyOrder("batchId", "total", "counts", "retries", "progress",
                "done", "updatedAt");
        assertThat(names(body.get("counts"))).containsExactlyInAnyOrder("pending", "generating", "complete",
                "failed", "failed_permanent");
    }

    @Test
    void itemsHaveExactlyTheContractFieldsWithNullsWritten() throws Exception {
        given(query.items(BATCH)).willReturn(List.of(shotComplete(), videoFailed()));

        MvcResult result = mvc.perform(get("/api/batches/{id}/items", BATCH))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].itemKey").value("scene_0_shot_1"))
                .andExpect(jsonPath("$[0].kind").value("image"))
                .andExpect(jsonPath("$[0].status").value("complete"))
                .andExpect(jsonPath("$[0].resultUri").value("sim://b-1/scene_0_shot_1/0-1.png"))
                .andExpect(jsonPath("$[0].lastError").isEmpty())
                .andExpect(jsonPath("$[1].kind").value("video"))
                .andExpect(jsonPath("$[1].status").value("failed"))
                .andExpect(jsonPath("$[1].epoch").value(0))
                .andExpect(jsonPath("$[1].attempt").value(2))
                .andExpect(jsonPath("$[1].lastError.type").value("rate_limited"))
                .andExpect(jsonPath("$[1].lastError.message").value("429 from provider"))
                .andExpect(jsonPath("$[1].updatedAt").value("2025-01-01T10:00:05.120Z"))
                .andReturn();

        for (JsonNode item : body(result)) {
            assertThat(names(item)).containsExactlyInAnyOrder("itemKey", "kind", "status", "epoch", "attempt",
                    "lastError", "resultUri", "updatedAt");
        }
        assertThat(names(body(result).get(1).get("lastError"))).containsExactlyInAnyOrder("type", "message");
    }

    @Test
    void itemDetailAddsTheHistoryWithMillisecondTimesAndNoInternals() throws Exception {
        ItemState failedPermanent = videoFailed().merge(StatusEvent.failedPermanent(VIDEO, 0, 2, T0.plusSeconds(9),
                RATE_LIMITED, new DeadLetterRef("genfleet.video.requests-dlt", 0, 7)), 50);
        given(query.item(VIDEO)).willReturn(Optional.of(failedPermanent));

        MvcResult result = mvc.perform(get("/api/batches/{id}/items/{key}", BATCH, "video_scene_0"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("failed_permanent"))
                .andExpect(jsonPath("$.resultUri").isEmpty())
                .andExpect(jsonPath("$.history.length()").value(6))
                .andExpect(jsonPath("$.history[0].status").value("pending"))
                .andExpect(jsonPath("$.history[0].at").value("2025-01-01T10:00:00.120Z"))
                .andExpect(jsonPath("$.history[2].status").value("failed"))
                .andExpect(jsonPath("$.history[2].error.type").value("rate_limited"))
                .andExpect(jsonPath("$.history[2].nextRetryAt").value("2025-01-01T10:00:04.120Z"))
                .andReturn();

        JsonNode body = body(result);
        assertThat(names(body)).containsExactlyInAnyOrder("itemKey", "kind", "status", "epoch", "attempt",
                "lastError", "resultUri", "updatedAt", "history");
        assertThat(names(body.get("history").get(0))).containsExactlyInAnyOrder("status", "epoch", "attempt", "at");
        assertThat(names(body.get("history").get(2))).containsExactlyInAnyOrder("status", "epoch", "attempt", "at",
                "error", "nextRetryAt");
    }

    @Test
    void anItemWithAStoredResultShowsItsContentTypeAndSizeInTheListAndTheDetail() throws Exception {
        ItemState stored = ItemState.first(StatusEvent.generating(SHOT, 0, 1, T0), 50)
                .merge(StatusEvent.complete(SHOT, 0, 1, T0.plusSeconds(2), "s3://assets/b-1/scene_0_shot_1/0-1.png",
                        "image/png", 48_213L), 50);
        given(query.items(BATCH)).willReturn(List.of(stored, videoFailed()));
        given(query.item(SHOT)).willReturn(Optional.of(stored));

        MvcResult list = mvc.perform(get("/api/batches/{id}/items", BATCH))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].resultUri").value("s3://assets/b-1/scene_0_shot_1/0-1.png"))
                .andExpect(jsonPath("$[0].contentType").value("image/png"))
                .andExpect(jsonPath("$[0].sizeBytes").value(48_213))
                .andReturn();
        assertThat(names(body(list).get(1))).as("an item without a stored result has neither field")
                .doesNotContain("contentType", "sizeBytes");

        mvc.perform(get("/api/batches/{id}/items/{key}", BATCH, "scene_0_shot_1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("complete"))
                .andExpect(jsonPath("$.contentType").value("image/png"))
                .andExpect(jsonPath("$.sizeBytes").value(48_213));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/batches/b-404", "/api/batches/b-404/items", "/api/batches/b-404/items/scene_0",
            "/api/batches/b-404/stream"})
    void unknownBatchOrItemIsNotFoundProblem(String path) throws Exception {
        given(query.summary(anyString())).willReturn(Optional.empty());
        given(query.items(anyString())).willReturn(List.of());
        given(query.item(any())).willReturn(Optional.empty());

        mvc.perform(get(path).accept(MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("b-404")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/batches/bad$id", "/api/batches/bad$id/items", "/api/batches/bad$id/items/scene_0",
            "/api/batches/bad$id/stream",
            "/api/batches/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void invalidBatchIdIsBadRequestNamingTheParameter(String path) throws Exception {
        mvc.perform(get(path))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.parameter").value("batchId"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("batchId")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"scene_01", "shot_1", "video_scene_0_shot_1", "scene_-1", "SCENE_0"})
    void invalidItemKeyIsBadRequestNamingTheParameter(String itemKey) throws Exception {
        mvc.perform(get("/api/batches/{id}/items/{key}", BATCH, itemKey))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.parameter").value("itemKey"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/batches/b-1", "/api/batches/b-1/items", "/api/batches/b-1/items/scene_0",
            "/api/batches/b-1/stream"})
    void notRunningIsServiceUnavailableWithRetryAfter(String path) throws Exception {
        StatusUnavailableException rebalancing = new StatusUnavailableException("the status aggregator is REBALANCING",
                null);
        given(query.summary(anyString())).willThrow(rebalancing);
        given(query.items(anyString())).willThrow(rebalancing);
        given(query.item(any())).willThrow(rebalancing);

        mvc.perform(get(path).accept(MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(503))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("REBALANCING")));
    }

    @Test
    void streamErrorIsProblemJsonEvenWhenTheClientAcceptsOnlyEventStreams() throws Exception {
        // What a browser's EventSource sends.
        given(query.summary(BATCH)).willReturn(Optional.empty());

        mvc.perform(get("/api/batches/{id}/stream", BATCH).accept(MediaType.TEXT_EVENT_STREAM))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private static BatchSummary summary() {
        return Summaries.of(BATCH, shotComplete(), videoFailed());
    }

    private static ItemState shotComplete() {
        return ItemState.first(StatusEvent.pending(SHOT, 0, T0), 50)
                .merge(StatusEvent.generating(SHOT, 0, 1, T0.plusSeconds(1)), 50)
                .merge(StatusEvent.complete(SHOT, 0, 1, T0.plusSeconds(2), "sim://b-1/scene_0_shot_1/0-1.png"), 50);
    }

    private static ItemState videoFailed() {
        return ItemState.first(StatusEvent.pending(VIDEO, 0, T0), 50)
                .merge(StatusEvent.generating(VIDEO, 0, 1, T0.plusSeconds(1)), 50)
                .merge(StatusEvent.failed(VIDEO, 0, 1, T0.plusSeconds(2), RATE_LIMITED, T0.plusSeconds(4)), 50)
                .merge(StatusEvent.generating(VIDEO, 0, 2, T0.plusSeconds(4)), 50)
                .merge(StatusEvent.failed(VIDEO, 0, 2, T0.plusSeconds(5), RATE_LIMITED, T0.plusSeconds(9)), 50);
    }

    private static JsonNode body(MvcResult result) throws Exception {
        return Json.mapper().readTree(result.getResponse().getContentAsString());
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            names.add(property.getKey());
        }
        return names;
    }
}
