package io.genfleet.aggregator.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.genfleet.aggregator.query.StatusQueryService;
import io.genfleet.aggregator.query.StatusUnavailableException;
import io.genfleet.common.item.ItemId;
import io.genfleet.common.json.Json;
import io.genfleet.common.status.DeadLetterRef;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.status.ItemError;
import io.genfleet.common.status.ItemState;
import io.genfleet.common.status.StatusEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/batches/{id}/dead-letters}: only failed_permanent items, each with its dead-letter reference. */
@WebMvcTest(controllers = DeadLetteredItemsController.class, properties = {"genfleet.topics.create=false",
        // The controllers' HTTP shape; the key check in front of them is ApiSecurityIT's subject.
        "genfleet.security.allow-anonymous=true"})
class DeadLetteredItemsControllerTest {

    private static final String BATCH = "b-dl";
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00.120Z");
    private static final ItemId DEAD = ItemId.of(BATCH, "scene_0");
    private static final ItemId LEGACY = ItemId.of(BATCH, "video_scene_0");
    private static final ItemId DONE = ItemId.of(BATCH, "scene_1");
    private static final ItemError TRANSIENT = new ItemError(ErrorType.TRANSIENT, "503 from provider");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    StatusQueryService query;

    @Test
    void listsOnlyFailedPermanentItemsWithTheirDeadLetterReference() throws Exception {
        ItemState dead = ItemState.first(StatusEvent.pending(DEAD, 0, T0), 50)
                .merge(StatusEvent.failedPermanent(DEAD, 0, 4, T0.plusSeconds(14), TRANSIENT,
                        new DeadLetterRef("genfleet.image.requests-dlt", 2, 41)), 50);
        ItemState legacy = ItemState.first(StatusEvent.failedPermanent(LEGACY, 1, 1, T0.plusSeconds(3),
                new ItemError(ErrorType.PERMANENT, "refused")), 50);
        ItemState done = ItemState.first(StatusEvent.complete(DONE, 0, 1, T0.plusSeconds(1), "sim://x"), 50);
        given(query.items(BATCH)).willReturn(List.of(dead, done, legacy));

        MvcResult result = mvc.perform(get("/api/batches/{id}/dead-letters", BATCH))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].itemKey").value("scene_0"))
                .andExpect(jsonPath("$[0].kind").value("image"))
                .andExpect(jsonPath("$[0].epoch").value(0))
                .andExpect(jsonPath("$[0].attempt").value(4))
                .andExpect(jsonPath("$[0].lastError.type").value("transient"))
                .andExpect(jsonPath("$[0].deadLetter.topic").value("genfleet.image.requests-dlt"))
                .andExpect(jsonPath("$[0].deadLetter.partition").value(2))
                .andExpect(jsonPath("$[0].deadLetter.offset").value(41))
                .andExpect(jsonPath("$[0].updatedAt").value("2025-01-01T10:00:14.120Z"))
                .andExpect(jsonPath("$[1].itemKey").value("video_scene_0"))
                .andExpect(jsonPath("$[1].epoch").value(1))
                .andReturn();

        JsonNode body = Json.mapper().readTree(result.getResponse().getContentAsString());
        assertThat(names(body.get(0))).containsExactlyInAnyOrder("itemKey", "kind", "epoch", "attempt", "lastError",
                "deadLetter", "updatedAt");
        assertThat(body.get(1).get("deadLetter").isNull()).as("written as null without a reference").isTrue();
    }

    @Test
    void aBatchWithoutFailuresAnswersAnEmptyList() throws Exception {
        given(query.items(BATCH)).willReturn(List.of(
                ItemState.first(StatusEvent.complete(DONE, 0, 1, T0, "sim://x"), 50)));

        mvc.perform(get("/api/batches/{id}/dead-letters", BATCH))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void anUnknownBatchIsNotFound() throws Exception {
        given(query.items(anyString())).willReturn(List.of());

        mvc.perform(get("/api/batches/{id}/dead-letters", "b-404"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void anInvalidBatchIdIsBadRequestNamingTheParameter() throws Exception {
        mvc.perform(get("/api/batches/{id}/dead-letters", "bad$id"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("batchId"));
    }

    @Test
    void storesNotQueryableIsServiceUnavailableWithRetryAfter() throws Exception {
        given(query.items(anyString())).willThrow(new StatusUnavailableException("the status aggregator is REBALANCING",
                null));

        mvc.perform(get("/api/batches/{id}/dead-letters", BATCH))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"));
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            names.add(property.getKey());
        }
        return names;
    }
}
