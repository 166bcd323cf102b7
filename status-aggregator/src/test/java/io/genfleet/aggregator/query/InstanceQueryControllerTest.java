package io.genfleet.aggregator.query;

import static io.genfleet.aggregator.query.QueryFixtures.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.json.Json;
import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ItemState;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.errors.InvalidStateStorePartitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The instance-to-instance endpoints: local stores only, in the stores' own JSON. */
@WebMvcTest(controllers = InstanceQueryController.class, properties = {"genfleet.topics.create=false",
        // The controllers' HTTP shape; the key check in front of them is ApiSecurityIT's subject.
        "genfleet.security.allow-anonymous=true"})
class InstanceQueryControllerTest {

    private static final String BATCH = "b-3";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    LocalStatusQueryService local;

    /** Must never be called from here: a forwarded query is answered locally or not at all. */
    @MockitoBean
    StatusQueryService routing;

    @Test
    void aSummaryOfALocalPartitionIsTheStoredValue() throws Exception {
        BatchSummary summary = QueryFixtures.summary(BATCH, item(BATCH, "scene_0"));
        given(local.summary(BATCH, 2)).willReturn(Optional.of(summary));

        String body = mvc.perform(get("/internal/batches/{id}", BATCH).param("partition", "2"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(Json.mapper().readValue(body, BatchSummary.class)).isEqualTo(summary);
        verifyNoInteractions(routing);
    }

    @Test
    void anItemKeepsItsHistoryButTheListingLeavesHistoriesOut() throws Exception {
        ItemState state = item(BATCH, "scene_1_shot_2");
        given(local.item(ItemId.of(BATCH, "scene_1_shot_2"), 0)).willReturn(Optional.of(state));
        given(local.items(BATCH, Set.of(0, 4))).willReturn(List.of(state));

        String one = mvc.perform(get("/internal/batches/{id}/items/{key}", BATCH, "scene_1_shot_2").param("partition", "0"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String all = mvc.perform(get("/internal/batches/{id}/items", BATCH).param("partitions", "4,0"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(Json.mapper().readValue(one, ItemState.class)).isEqualTo(state);
        ItemState listed = Json.mapper().readValue(all, ItemState[].class)[0];
        assertThat(listed.history()).isEmpty();
        assertThat(listed.status()).isEqualTo(state.status());
        assertThat(listed.lastError()).isEqualTo(state.lastError());
        assertThat(listed.updatedAt()).isEqualTo(state.updatedAt());
        verifyNoInteractions(routing);
    }

    @Test
    void unknownHereIsNotFoundAndNoItemsIsAnEmptyList() throws Exception {
        given(local.summary(anyString(), anyInt())).willReturn(Optional.empty());
        given(local.items(anyString(), any())).willReturn(List.of());

        mvc.perform(get("/internal/batches/{id}", BATCH).param("partition", "0")).andExpect(status().isNotFound());
        String all = mvc.perform(get("/internal/batches/{id}/items", BATCH).param("partitions", "0"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(all).isEqualTo("[]");
    }

    @Test
    void aPartitionThatIsNotActiveHereIsUnavailableNeverForwarded() throws Exception {
        given(local.summary(BATCH, 5)).willThrow(new StatusUnavailableException("the store genfleet-batches is not queryable",
                new InvalidStateStorePartitionException("The specified partition 5 for store genfleet-batches does not exist.")));

        mvc.perform(get("/internal/batches/{id}", BATCH).param("partition", "5"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"));
        verifyNoInteractions(routing);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/internal/batches/b-3?partition=-1", "/internal/batches/b-3?partition=abc",
            "/internal/batches/b-3", "/internal/batches/bad$id?partition=0",
            "/internal/batches/b-3/items/scene_01?partition=0", "/internal/batches/b-3/items?partitions=1,,2",
            "/internal/batches/b-3/items?partitions=10000"})
    void invalidParametersAreRefusedBeforeAnyStoreRead(String uri) throws Exception {
        mvc.perform(get(uri)).andExpect(status().isBadRequest());
        verifyNoInteractions(local, routing);
    }
}
