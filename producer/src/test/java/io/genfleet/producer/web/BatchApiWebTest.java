package io.genfleet.producer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.genfleet.producer.ProducerMetrics;
import io.genfleet.producer.ProducerSettings;
import io.genfleet.producer.batch.BatchController;
import io.genfleet.producer.batch.BatchIdGuard;
import io.genfleet.producer.batch.BatchOwnership;
import io.genfleet.producer.batch.BatchNotWrittenException;
import io.genfleet.producer.batch.BatchRequestReader;
import io.genfleet.producer.batch.BatchRequestValidator;
import io.genfleet.producer.batch.BatchSubmission;
import io.genfleet.producer.batch.RecordingBatchWriter;
import io.genfleet.producer.batch.Storyboards;
import io.genfleet.producer.batch.StoryboardExpander;
import io.genfleet.producer.batch.StubBatchDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
 * The HTTP contract of {@code POST /api/batches} with Kafka and the status service replaced by doubles:
 * every invalid request is a problem answer naming the field, and nothing is written for any of them.
 */
@WebMvcTest
class BatchApiWebTest {

    @SpringBootConfiguration
    @EnableConfigurationProperties(ProducerSettings.class)
    @Import({BatchController.class, ProducerExceptionHandler.class, BatchRequestReader.class,
            BatchRequestValidator.class, StoryboardExpander.class, BatchIdGuard.class, BatchSubmission.class,
            ProducerMetrics.class})
    static class Slice {

        @Bean
        RecordingBatchWriter recordingBatchWriter() {
            return new RecordingBatchWriter();
        }

        @Bean
        BatchOwnership batchOwnership() {
            return BatchOwnership.LOCAL_ONLY;
        }

        @Bean
        StubBatchDirectory stubBatchDirectory() {
            return new StubBatchDirectory();
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    private static final String PROBLEM = "application/problem+json";

    @Autowired
    private MockMvc mvc;
    @Autowired
    private RecordingBatchWriter writer;
    @Autowired
    private StubBatchDirectory directory;

    @BeforeEach
    void reset() {
        writer.reset();
        directory.reset();
    }

    @Test
    void acceptsAStoryboardWith202AndTheItemKeys() throws Exception {
        mvc.perform(post("/api/batches").contentType(MediaType.APPLICATION_JSON)
                        .content(Storyboards.json("web-1", 2, 2, true)))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/batches/web-1"))
                .andExpect(jsonPath("$.batchId").value("web-1"))
                .andExpect(jsonPath("$.total").value(6))
                .andExpect(jsonPath("$.items[0]").value("scene_0_shot_0"))
                .andExpect(jsonPath("$.items[5]").value("video_scene_1"));

        assertThat(writer.batches()).singleElement().satisfies(batch -> assertThat(batch.itemKeys()).containsExactly(
                "scene_0_shot_0", "scene_0_shot_1", "video_scene_0", "scene_1_shot_0", "scene_1_shot_1", "video_scene_1"));
        assertThat(directory.asked).containsExactly("web-1");
    }

    @Test
    void aNotifyWithAPublicHttpsReceiverTravelsWithTheBatch() throws Exception {
        mvc.perform(post("/api/batches").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"batchId\": \"web-notify\", \"scenes\": [{\"prompt\": \"p\"}], \"notify\": "
                                + "{\"url\": \"https://93.184.216.34/hook\", \"events\": [\"batch.done\", "
                                + "\"batch.progress\"]}}"))
                .andExpect(status().isAccepted());

        assertThat(writer.batches()).singleElement().satisfies(batch -> assertThat(batch.webhook())
                .isEqualTo(new io.genfleet.common.webhook.Notify("https://93.184.216.34/hook",
                        java.util.List.of("batch.done", "batch.progress"))));
    }

    @Test
    void generatesABatchIdWhenAbsent() throws Exception {
        mvc.perform(post("/api/batches").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"scenes\": [{\"prompt\": \"a lighthouse\"}]}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.batchId").value(org.hamcrest.Matchers.matchesPattern("b-[0-9a-f]{32}")))
                .andExpect(jsonPath("$.items[0]").value("scene_0"));
    }

    static Stream<Arguments> invalidRequests() {
        String json = MediaType.APPLICATION_JSON_VALUE;
        String longPrompt = "x".repeat(4001);
        return Stream.of(
                Arguments.of("missing scenes", json, "{}", 400, "scenes"),
                Arguments.of("empty scenes", json, "{\"scenes\": []}", 400, "scenes"),
                Arguments.of("too many scenes", json, Storyboards.json("b", 201, 0, false), 400, "scenes"),
                Arguments.of("null scene", json, "{\"scenes\": [null]}", 400, "scenes[0]"),
                Arguments.of("missing prompt", json, "{\"scenes\": [{}]}", 400, "scenes[0].prompt"),
                Arguments.of("blank prompt", json, "{\"scenes\": [{\"prompt\": \"p\"}, {\"prompt\": \"  \"}]}", 400,
                        "scenes[1].prompt"),
                Arguments.of("too long prompt", json, "{\"scenes\": [{\"prompt\": \"" + longPrompt + "\"}]}", 400,
                        "scenes[0].prompt"),
                Arguments.of("blank shot prompt", json,
                        "{\"scenes\": [{\"prompt\": \"p\", \"shots\": [{\"prompt\": \"a\"}, {\"prompt\": \"\"}]}]}", 400,
                        "scenes[0].shots[1].prompt"),
                Arguments.of("too many shots", json, Storyboards.json("b", 1, 51, false), 400, "scenes[0].shots"),
                Arguments.of("bad batchId", json, "{\"batchId\": \"no/slash\", \"scenes\": [{\"prompt\": \"p\"}]}", 400,
                        "batchId"),
                Arguments.of("too long batchId", json, "{\"batchId\": \"" + "b".repeat(65)
                        + "\", \"scenes\": [{\"prompt\": \"p\"}]}", 400, "batchId"),
                Arguments.of("bad simulate.error", json,
                        "{\"scenes\": [{\"prompt\": \"p\", \"simulate\": {\"error\": \"flaky\"}}]}", 400,
                        "scenes[0].simulate.error"),
                Arguments.of("negative failTimes", json,
                        "{\"scenes\": [{\"prompt\": \"p\", \"shots\": [{\"prompt\": \"s\", \"simulate\": {\"failTimes\": -1}}]}]}",
                        400, "scenes[0].shots[0].simulate.failTimes"),
                Arguments.of("latencyMs too high", json,
                        "{\"scenes\": [{\"prompt\": \"p\", \"video\": {\"simulate\": {\"latencyMs\": 600001}}}]}", 400,
                        "scenes[0].video.simulate.latencyMs"),
                Arguments.of("malformed JSON", json, "{\"scenes\": [{\"prompt\": \"p\"", 400, "body"),
                Arguments.of("wrong type: failTimes as string", json,
                        "{\"scenes\": [{\"prompt\": \"p\", \"simulate\": {\"failTimes\": \"3\"}}]}", 400,
                        "scenes[0].simulate.failTimes"),
                Arguments.of("wrong type: scenes as object", json, "{\"scenes\": {\"prompt\": \"p\"}}", 400, "scenes"),
                Arguments.of("wrong type: prompt as number", json, "{\"scenes\": [{\"prompt\": 42}]}", 400,
                        "scenes[0].prompt"),
                Arguments.of("unknown property", json, "{\"scenes\": [{\"prompt\": \"p\", \"simualte\": {\"failTimes\": 2}}]}",
                        400, "scenes[0].simualte"),
                Arguments.of("unknown simulate property", json,
                        "{\"scenes\": [{\"prompt\": \"p\", \"simulate\": {\"failtimes\": 2}}]}", 400,
                        "scenes[0].simulate.failtimes"),
                Arguments.of("http notify url", json, "{\"scenes\": [{\"prompt\": \"p\"}], \"notify\": "
                        + "{\"url\": \"http://93.184.216.34/hook\", \"events\": [\"batch.done\"]}}", 400, "notify.url"),
                Arguments.of("loopback notify url", json, "{\"scenes\": [{\"prompt\": \"p\"}], \"notify\": "
                        + "{\"url\": \"https://localhost/hook\", \"events\": [\"batch.done\"]}}", 400, "notify.url"),
                Arguments.of("unknown notify event", json, "{\"scenes\": [{\"prompt\": \"p\"}], \"notify\": "
                        + "{\"url\": \"https://93.184.216.34/hook\", \"events\": [\"batch.started\"]}}", 400,
                        "notify.events[0]"),
                Arguments.of("unknown notify property", json, "{\"scenes\": [{\"prompt\": \"p\"}], \"notify\": "
                        + "{\"uri\": \"https://93.184.216.34/hook\"}}", 400, "notify.uri"),
                Arguments.of("empty body", json, "", 400, "body"),
                Arguments.of("JSON null", json, "null", 400, "body"),
                Arguments.of("body too large", json, "{\"scenes\": [{\"prompt\": \"" + "x".repeat(1_100_000) + "\"}]}",
                        413, "body"),
                Arguments.of("not JSON", MediaType.TEXT_PLAIN_VALUE, "{\"scenes\": [{\"prompt\": \"p\"}]}", 415,
                        "Content-Type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void everyInvalidRequestIsAProblemNamingTheFieldAndWritesNothing(String rule, String contentType, String body,
                                                                    int expectedStatus, String field) throws Exception {
        mvc.perform(post("/api/batches").contentType(contentType).content(body))
                .andExpect(status().is(expectedStatus))
                .andExpect(header().string("Content-Type", PROBLEM))
                .andExpect(jsonPath("$.status").value(expectedStatus))
                .andExpect(jsonPath("$.errors[*].field", hasItem(field)))
                .andExpect(jsonPath("$.detail", containsString(field)));

        assertThat(writer.batches()).as("nothing written for: %s", rule).isEmpty();
    }

    @Test
    void aKnownBatchIdIsAConflictAndWritesNothing() throws Exception {
        directory.known.add("taken");

        mvc.perform(post("/api/batches").contentType(MediaType.APPLICATION_JSON)
                        .content(Storyboards.json("taken", 1, 0, false)))
                .andExpect(status().isConflict())
                .andExpect(header().string("Content-Type", PROBLEM))
                .andExpect(jsonPath("$.batchId").value("taken"))
                .andExpect(jsonPath("$.errors[0].field").value("batchId"));

        assertThat(writer.batches()).isEmpty();
    }

    @Test
    void anUnavailableDirectoryIs503WithRetryAfterAndWritesNothing() throws Exception {
        directory.unavailable = true;

        mvc.perform(post("/api/batches").contentType(MediaType.APPLICATION_JSON)
                        .content(Storyboards.json("maybe", 1, 0, false)))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Content-Type", PROBLEM))
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.title").value("Status service unavailable"));

        assertThat(writer.batches()).isEmpty();
    }

    @Test
    void aRetryableKafkaFailureIs503WithRetryAfterAndTheBatchId() throws Exception {
        writer.failNext(new BatchNotWrittenException("k1", true, "Kafka did not commit the batch: TimeoutException", null));

        mvc.perform(post("/api/batches").contentType(MediaType.APPLICATION_JSON)
                        .content(Storyboards.json("k1", 1, 0, false)))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Content-Type", PROBLEM))
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.batchId").value("k1"));

        assertThat(writer.batches()).isEmpty();
    }

    @Test
    void aPermanentKafkaFailureIs500WithoutRetryAfter() throws Exception {
        writer.failNext(new BatchNotWrittenException("k2", false, "Kafka did not commit the batch: RecordTooLarge", null));

        mvc.perform(post("/api/batches").contentType(MediaType.APPLICATION_JSON)
                        .content(Storyboards.json("k2", 1, 0, false)))
                .andExpect(status().isInternalServerError())
                .andExpect(header().string("Content-Type", PROBLEM))
                .andExpect(header().doesNotExist("Retry-After"))
                .andExpect(jsonPath("$.title").value("Batch not written"));
    }
}
