package io.genfleet.producer.retryfailed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.genfleet.common.status.DeadLetterRef;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.status.ItemError;
import io.genfleet.producer.ProducerMetrics;
import io.genfleet.producer.ProducerSettings;
import io.genfleet.producer.requeue.RequeueFailedException;
import io.genfleet.producer.requeue.Requeuer;
import io.genfleet.producer.status.DeadLetteredItem;
import io.genfleet.producer.web.ProducerExceptionHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The HTTP contract of {@code POST /api/batches/{batchId}/retry-failed} with the aggregator and Kafka replaced
 * by doubles: what is in scope reaches the requeuer, every invalid request is a problem naming the field and
 * requeues nothing, and unavailable dependencies answer 503 with Retry-After.
 */
@WebMvcTest
class RetryFailedApiWebTest {

    @SpringBootConfiguration
    @EnableConfigurationProperties(ProducerSettings.class)
    @Import({RetryFailedController.class, ProducerExceptionHandler.class, RetryFailedRequestReader.class,
            RetryFailed.class, ProducerMetrics.class})
    static class Slice {

        @Bean
        StubDeadLetterDirectory stubDeadLetterDirectory() {
            return new StubDeadLetterDirectory();
        }

        @Bean
        RecordingRequeuer recordingRequeuer() {
            return new RecordingRequeuer();
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    private static final String PROBLEM = "application/problem+json";
    private static final String BATCH = "web-retry";
    private static final String DLT = "genfleet.image.requests-dlt";

    @Autowired
    private MockMvc mvc;
    @Autowired
    private StubDeadLetterDirectory directory;
    @Autowired
    private RecordingRequeuer requeuer;

    @BeforeEach
    void reset() {
        directory.reset();
        requeuer.reset();
        directory.batches.put(BATCH, List.of(
                failed("scene_0", ErrorType.TRANSIENT, 0, 4, new DeadLetterRef(DLT, 0, 10)),
                failed("scene_1", ErrorType.RATE_LIMITED, 1, 4, new DeadLetterRef(DLT, 1, 11)),
                failed("video_scene_0", ErrorType.PERMANENT, 0, 1,
                        new DeadLetterRef("genfleet.video.requests-dlt", 2, 3)),
                failed("scene_2", ErrorType.TRANSIENT, 0, 4, null)));
    }

    @Test
    void requeuesEveryFailedItemWithItsDeadLetterAndAnswers202() throws Exception {
        mvc.perform(post("/api/batches/{id}/retry-failed", BATCH))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.requeued").value(3))
                .andExpect(jsonPath("$.items").value(org.hamcrest.Matchers.contains("scene_0", "scene_1",
                        "video_scene_0")))
                .andExpect(jsonPath("$.skipped[0].itemKey").value("scene_2"))
                .andExpect(jsonPath("$.skipped[0].reason", containsString("no dead-letter reference")));

        assertThat(requeuer.calls).singleElement().satisfies(candidates -> {
            assertThat(candidates).extracting(c -> c.item().toString())
                    .containsExactly("web-retry/scene_0", "web-retry/scene_1", "web-retry/video_scene_0");
            assertThat(candidates.get(1)).isEqualTo(new Requeuer.Candidate(io.genfleet.common.item.ItemId.of(BATCH,
                    "scene_1"), 1, 4, new DeadLetterRef(DLT, 1, 11)));
        });
    }

    @Test
    void aVideoThatEndedDependencyFailedIsHeldAgainAndComesAlongWithItsImage() throws Exception {
        directory.batches.put("dep", List.of(
                failed("scene_1_shot_0", ErrorType.CONTENT_POLICY, 0, 1, new DeadLetterRef(DLT, 0, 20)),
                failed("video_scene_1", ErrorType.DEPENDENCY_FAILED, 0, 1, null)));

        // Only the image is named: its video, failed because of it, waits again for it.
        mvc.perform(post("/api/batches/{id}/retry-failed", "dep").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"items\": [\"scene_1_shot_0\"]}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.requeued").value(2))
                .andExpect(jsonPath("$.items").value(org.hamcrest.Matchers.contains("scene_1_shot_0",
                        "video_scene_1")))
                .andExpect(jsonPath("$.skipped.length()").value(0));

        assertThat(requeuer.calls).singleElement().satisfies(candidates -> {
            assertThat(candidates.get(0).isHeld()).isFalse();
            assertThat(candidates.get(1)).isEqualTo(Requeuer.Candidate.held(
                    io.genfleet.common.item.ItemId.of("dep", "video_scene_1"), 0, 1));
        });
    }

    @Test
    void aSecondCallRequeuesNothingAndSaysWhy() throws Exception {
        mvc.perform(post("/api/batches/{id}/retry-failed", BATCH)).andExpect(status().isAccepted());

        mvc.perform(post("/api/batches/{id}/retry-failed", BATCH))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.requeued").value(0))
                .andExpect(jsonPath("$.items.length()").value(0))
                .andExpect(jsonPath("$.skipped[*].reason", hasItem(containsString("already claimed"))));
    }

    @Test
    void theBodyNarrowsTheRetryByErrorTypeAndItem() throws Exception {
        mvc.perform(post("/api/batches/{id}/retry-failed", BATCH).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"errorTypes\": [\"transient\", \"permanent\"], \"items\": [\"scene_0\", \"scene_1\","
                                + " \"video_scene_0\", \"scene_7\"]}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.requeued").value(2))
                .andExpect(jsonPath("$.items").value(org.hamcrest.Matchers.contains("scene_0", "video_scene_0")))
                .andExpect(jsonPath("$.skipped[0].itemKey").value("scene_7"))
                .andExpect(jsonPath("$.skipped[0].reason", containsString("not failed_permanent")));
    }

    @Test
    void itemRetryRequeuesOnlyThatItemAndASecondCallRequeuesNothing() throws Exception {
        mvc.perform(post("/api/batches/{id}/items/{key}/retry", BATCH, "scene_1"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.requeued").value(1))
                .andExpect(jsonPath("$.items").value(org.hamcrest.Matchers.contains("scene_1")));

        mvc.perform(post("/api/batches/{id}/items/{key}/retry", BATCH, "scene_1"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.requeued").value(0))
                .andExpect(jsonPath("$.skipped[0].reason", containsString("already claimed")));

        // Both calls reach the requeuer with that item only; its claim of epoch 2 refuses the second.
        assertThat(requeuer.calls).hasSize(2).allSatisfy(candidates -> assertThat(candidates)
                .extracting(c -> c.item().toString()).containsExactly("web-retry/scene_1"));
    }

    @Test
    void itemRetryOfAnItemThatIsNotFailedRequeuesNothingAndSaysWhy() throws Exception {
        mvc.perform(post("/api/batches/{id}/items/{key}/retry", BATCH, "scene_9"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.requeued").value(0))
                .andExpect(jsonPath("$.skipped[0].itemKey").value("scene_9"))
                .andExpect(jsonPath("$.skipped[0].reason", containsString("not failed_permanent")));

        assertThat(requeuer.calls).isEmpty();
    }

    @Test
    void itemRetryOfAMalformedItemKeyIsAProblemNamingItemKey() throws Exception {
        mvc.perform(post("/api/batches/{id}/items/{key}/retry", BATCH, "scene_01"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", containsString(PROBLEM)))
                .andExpect(jsonPath("$.errors[0].field").value("itemKey"));

        assertThat(requeuer.calls).isEmpty();
    }

    @Test
    void aBatchWithoutFailuresRequeuesNothing() throws Exception {
        directory.batches.put("clean", List.of());

        mvc.perform(post("/api/batches/{id}/retry-failed", "clean"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.requeued").value(0));

        assertThat(requeuer.calls).isEmpty();
    }

    static Stream<Arguments> invalidRequests() {
        String json = MediaType.APPLICATION_JSON_VALUE;
        return Stream.of(
                Arguments.of("unknown error type", BATCH, json, "{\"errorTypes\": [\"transient\", \"flaky\"]}", 400,
                        "errorTypes[1]"),
                Arguments.of("empty errorTypes", BATCH, json, "{\"errorTypes\": []}", 400, "errorTypes"),
                Arguments.of("null error type", BATCH, json, "{\"errorTypes\": [null]}", 400, "errorTypes[0]"),
                Arguments.of("error type as number", BATCH, json, "{\"errorTypes\": [3]}", 400, "errorTypes[0]"),
                Arguments.of("invalid item key", BATCH, json, "{\"items\": [\"scene_0\", \"scene_01\"]}", 400, "items[1]"),
                Arguments.of("empty items", BATCH, json, "{\"items\": []}", 400, "items"),
                Arguments.of("items as a string", BATCH, json, "{\"items\": \"scene_0\"}", 400, "items"),
                Arguments.of("unknown property", BATCH, json, "{\"itemz\": [\"scene_0\"]}", 400, "itemz"),
                Arguments.of("malformed JSON", BATCH, json, "{\"items\": [", 400, "body"),
                Arguments.of("dot batch id", "..", json, "", 400, "batchId"),
                Arguments.of("leading dot batch id", ".hidden", json, "", 400, "batchId"),
                Arguments.of("trailing content", BATCH, json, "{} {}", 400, "body"),
                Arguments.of("invalid batch id", "bad$id", json, "", 400, "batchId"),
                Arguments.of("too long batch id", "b".repeat(65), json, "", 400, "batchId"),
                Arguments.of("body too large", BATCH, json, "{\"items\": [\"" + "x".repeat(1_100_000) + "\"]}", 413,
                        "body"),
                Arguments.of("not JSON", BATCH, MediaType.TEXT_PLAIN_VALUE, "{\"items\": [\"scene_0\"]}", 415,
                        "Content-Type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void everyInvalidRequestIsAProblemNamingTheFieldAndRequeuesNothing(String rule, String batchId, String contentType,
                                                                      String body, int expectedStatus, String field)
            throws Exception {
        mvc.perform(post("/api/batches/{id}/retry-failed", batchId).contentType(contentType).content(body))
                .andExpect(status().is(expectedStatus))
                .andExpect(header().string("Content-Type", PROBLEM))
                .andExpect(jsonPath("$.status").value(expectedStatus))
                .andExpect(jsonPath("$.errors[*].field", hasItem(field)))
                .andExpect(jsonPath("$.detail", containsString(field)));

        assertThat(requeuer.calls).as("nothing requeued for: %s", rule).isEmpty();
    }

    @Test
    void anUnknownBatchIsNotFound() throws Exception {
        mvc.perform(post("/api/batches/{id}/retry-failed", "nobody-knows"))
                .andExpect(status().isNotFound())
                .andExpect(header().string("Content-Type", PROBLEM))
                .andExpect(jsonPath("$.title").value("Unknown batch"))
                .andExpect(jsonPath("$.batchId").value("nobody-knows"));
    }

    @Test
    void anUnavailableAggregatorIs503WithRetryAfterAndRequeuesNothing() throws Exception {
        directory.unavailable = true;

        mvc.perform(post("/api/batches/{id}/retry-failed", BATCH))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Content-Type", PROBLEM))
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.title").value("Status service unavailable"));

        assertThat(requeuer.calls).isEmpty();
    }

    @Test
    void anUnavailableKafkaIs503WithRetryAfter() throws Exception {
        requeuer.failure = new RequeueFailedException(false, "Kafka did not commit the claim transaction: "
                + "TimeoutException", null);

        mvc.perform(post("/api/batches/{id}/retry-failed", BATCH))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.title").value("Kafka unavailable"))
                .andExpect(jsonPath("$.detail", containsString("nothing was requeued")));
    }

    private static DeadLetteredItem failed(String key, ErrorType type, int epoch, int attempt, DeadLetterRef ref) {
        return new DeadLetteredItem(key, epoch, attempt, new ItemError(type, "simulated " + type), ref);
    }
}
