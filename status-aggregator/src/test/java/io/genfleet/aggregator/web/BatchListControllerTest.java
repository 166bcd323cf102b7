package io.genfleet.aggregator.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.genfleet.aggregator.query.LocalStatusQueryService;
import io.genfleet.aggregator.query.StatusUnavailableException;
import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ItemStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The HTTP shape of {@code GET /api/batches}: fields, paging, and every bad parameter as a problem naming it. */
@WebMvcTest(controllers = BatchListController.class,
        properties = {"genfleet.topics.create=false", "genfleet.security.allow-anonymous=true"})
class BatchListControllerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @Autowired
    MockMvc mvc;

    @MockitoBean
    LocalStatusQueryService query;

    @Test
    void listsNewestFirstWithSummaryFieldsAndCreatedAtThenPages() throws Exception {
        given(query.summaries()).willReturn(List.of(summary("first", 0), summary("second", 10)));

        String cursor = com.jayway.jsonpath.JsonPath.read(mvc.perform(get("/api/batches").param("limit", "1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.batches.length()").value(1))
                .andExpect(jsonPath("$.batches[0].batchId").value("second"))
                .andExpect(jsonPath("$.batches[0].total").value(3))
                .andExpect(jsonPath("$.batches[0].counts.failed_permanent").value(1))
                .andExpect(jsonPath("$.batches[0].progress").value(1.0 / 3))
                .andExpect(jsonPath("$.batches[0].done").value(false))
                .andExpect(jsonPath("$.batches[0].createdAt").value("2026-01-01T10:00:10.000Z"))
                .andReturn().getResponse().getContentAsString(), "$.nextCursor");

        mvc.perform(get("/api/batches").param("limit", "1").param("cursor", cursor))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.batches[0].batchId").value("first"))
                .andExpect(jsonPath("$.nextCursor").value(nullValue()));
    }

    @ParameterizedTest
    @CsvSource({"limit,0", "limit,201", "limit,ten", "state,stuck", "cursor,%%%"})
    void aBadParameterIsAProblemNamingIt(String parameter, String value) throws Exception {
        given(query.summaries()).willReturn(List.of());

        mvc.perform(get("/api/batches").param(parameter, value))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.parameter").value(parameter))
                .andExpect(jsonPath("$.detail", containsString(parameter)));
    }

    @Test
    void anAggregatorThatIsNotReadyAnswers503() throws Exception {
        given(query.summaries()).willThrow(new StatusUnavailableException("the status aggregator is REBALANCING", null));

        mvc.perform(get("/api/batches")).andExpect(status().isServiceUnavailable());
    }

    private static BatchSummary summary(String id, long startSecond) {
        return new BatchSummary(id, 2, Map.of(ItemStatus.GENERATING, 1, ItemStatus.FAILED_PERMANENT, 1), 3,
                T0.plusSeconds(startSecond + 1), T0.plusSeconds(startSecond), null, 3);
    }
}
