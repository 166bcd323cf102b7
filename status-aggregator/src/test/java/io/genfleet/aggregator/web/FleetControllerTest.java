package io.genfleet.aggregator.web;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.genfleet.aggregator.fleet.FleetReader;
import io.genfleet.aggregator.fleet.FleetUnavailableException;
import io.genfleet.aggregator.fleet.FleetView;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The HTTP shape of {@code GET /api/fleet}; the numbers themselves are proven on a real broker (ConsoleApiIT). */
@WebMvcTest(controllers = FleetController.class,
        properties = {"genfleet.topics.create=false", "genfleet.security.allow-anonymous=true"})
class FleetControllerTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    FleetReader reader;

    @Test
    void answersPerLaneWithEveryTopicOfItsChain() throws Exception {
        given(reader.read()).willReturn(new FleetView(Instant.parse("2026-01-01T10:00:00Z"), List.of(
                new FleetView.LaneView("image", 3, 2, 41, 12.4, 0.6, List.of(
                        new FleetView.TopicView("genfleet.image.requests", "requests", "genfleet-worker-image", 38, 2),
                        new FleetView.TopicView("genfleet.image.requests-retry-2000", "retry-2000",
                                "genfleet-worker-image-retry-2000", 3, 2))))));

        mvc.perform(get("/api/fleet"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.at").value("2026-01-01T10:00:00.000Z"))
                .andExpect(jsonPath("$.lanes[0].lane").value("image"))
                .andExpect(jsonPath("$.lanes[0].inFlight").value(3))
                .andExpect(jsonPath("$.lanes[0].members").value(2))
                .andExpect(jsonPath("$.lanes[0].lag").value(41))
                .andExpect(jsonPath("$.lanes[0].completedPerMinute").value(12.4))
                .andExpect(jsonPath("$.lanes[0].failedPermanentPerMinute").value(0.6))
                .andExpect(jsonPath("$.lanes[0].topics[1].tier").value("retry-2000"))
                .andExpect(jsonPath("$.lanes[0].topics[1].group").value("genfleet-worker-image-retry-2000"));
    }

    @Test
    void aBrokerThatDoesNotAnswerIsA503WithRetryAfter() throws Exception {
        given(reader.read()).willThrow(new FleetUnavailableException("Kafka did not answer", null));

        mvc.perform(get("/api/fleet"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().exists("Retry-After"))
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.detail").value("Kafka did not answer; retry shortly"));
    }
}
