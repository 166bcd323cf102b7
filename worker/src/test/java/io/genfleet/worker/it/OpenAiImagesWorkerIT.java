package io.genfleet.worker.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.Lane;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.testing.TestKafka;
import io.genfleet.worker.WorkerApplication;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The async worker with the image lane on {@code openai-images}, against a real broker and a real HTTP server on
 * loopback playing the provider: each item's prompt picks how the provider answers it.
 */
class OpenAiImagesWorkerIT {

    private static final int PARTITIONS = 2;
    private static final String PATH = "/v1/images/generations";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    private final String prefix = TestTopics.uniquePrefix("openai");
    private final TopicCatalog catalog = new TopicCatalog(prefix, List.of(Duration.ofSeconds(2),
            Duration.ofSeconds(4), Duration.ofSeconds(8)));
    private final String batchId = "openai-" + UUID.randomUUID().toString().substring(0, 8);
    @TempDir
    Path results;
    private WireMockServer provider;
    private ConfigurableApplicationContext worker;

    @BeforeEach
    void start() {
        provider = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        provider.start();
        worker = new SpringApplicationBuilder(WorkerApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                        "--genfleet.topics.prefix=" + prefix,
                        "--genfleet.topics.partitions=" + PARTITIONS,
                        "--genfleet.worker.lanes=image",
                        "--genfleet.providers.image.type=openai-images",
                        "--genfleet.providers.image.base-url=http://127.0.0.1:" + provider.port(),
                        "--genfleet.providers.image.api-key=sk-it",
                        "--genfleet.providers.image.request-timeout=2s",
                        "--genfleet.results.dir=" + results);
        TestTopics.awaitFullAssignment(worker, PARTITIONS);
    }

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.close();
        }
        provider.stop();
    }

    @Test
    void eachAnswerOfTheProviderEndsTheItemAsTheTaxonomySays() throws IOException {
        ItemId ok = item(0, "ok", answers(image()));
        ItemId flaky = item(1, "flaky", answers(error(500), error(500), image()));
        ItemId bad = item(2, "bad", answers(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"code\": \"invalid_prompt\", \"message\": \"the prompt is empty\"}}")));
        ItemId limited = item(3, "limited", answers(error(429).withHeader("Retry-After", "3"), image()));
        ItemId hung = item(4, "hung", answers(image().withFixedDelay(10_000), image()));
        List<ItemId> items = List.of(ok, flaky, bad, limited, hung);

        try (StatusLog status = new StatusLog(catalog)) {
            status.awaitUntil("every item ends", Duration.ofSeconds(90), log -> items.stream().allMatch(log::terminal));

            // Expected: one attempt, the image stored under the results directory and resultUri pointing at it.
            StatusEvent complete = last(status, ok);
            assertThat(steps(status, ok)).containsExactly("generating#1", "complete#1");
            Path stored = Path.of(URI.create(complete.resultUri()));
            assertThat(stored).startsWith(results);
            assertThat(Files.readAllBytes(stored)).isEqualTo(PNG);
            assertThat(complete.contentType()).as("the type the first bytes say").isEqualTo("image/png");
            assertThat(complete.sizeBytes()).isEqualTo(PNG.length);

            // Expected: two 500s retried after 2 s and 4 s, complete at attempt 3.
            assertThat(steps(status, flaky)).containsExactly("generating#1", "failed#1", "generating#2", "failed#2",
                    "generating#3", "complete#3");

            // Expected: a 400 is not retried; failed_permanent with the provider's message.
            assertThat(steps(status, bad)).containsExactly("generating#1", "failed_permanent#1");
            assertThat(last(status, bad).error().type()).isEqualTo(ErrorType.PERMANENT);
            assertThat(last(status, bad).error().message()).contains("invalid_prompt: the prompt is empty");

            // Expected: the 429's Retry-After (3 s) beats the 2 s tier: announced and kept.
            assertThat(steps(status, limited)).containsExactly("generating#1", "failed#1", "generating#2", "complete#2");
            StatusEvent failed = event(status, limited, ItemStatus.FAILED, 1);
            assertThat(failed.error().type()).isEqualTo(ErrorType.RATE_LIMITED);
            assertThat(Duration.between(failed.at(), failed.nextRetryAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
            StatusEvent second = event(status, limited, ItemStatus.GENERATING, 2);
            assertThat(Duration.between(failed.at(), second.at())).as("the second attempt started after the Retry-After")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(3));

            // Expected: the hung call is cut at the 2 s request timeout and retried.
            assertThat(steps(status, hung)).containsExactly("generating#1", "failed#1", "generating#2", "complete#2");
            assertThat(event(status, hung, ItemStatus.FAILED, 1).error().type()).isEqualTo(ErrorType.TIMEOUT);
        }
        provider.verify(3, postRequestedFor(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.prompt", equalTo("flaky")))
                .withHeader("Idempotency-Key", equalTo(batchId + "/scene_1/0")));
        provider.verify(1, postRequestedFor(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.prompt", equalTo("bad"))));
    }

    private static ResponseDefinitionBuilder image() {
        return okJson("{\"data\": [{\"b64_json\": \"" + Base64.getEncoder().encodeToString(PNG) + "\"}]}");
    }

    private static ResponseDefinitionBuilder error(int status) {
        return aResponse().withStatus(status).withBody("{\"error\": {\"message\": \"provider says " + status + "\"}}");
    }

    private static ResponseDefinitionBuilder[] answers(ResponseDefinitionBuilder... answers) {
        return answers;
    }

    /** Publishes scene_{index} with {@code prompt}; the provider answers its calls in turn, the last for ever. */
    private ItemId item(int index, String prompt, ResponseDefinitionBuilder[] answers) {
        String state = STARTED;
        for (int i = 0; i < answers.length; i++) {
            String next = i == answers.length - 1 ? state : prompt + "-" + (i + 1);
            provider.stubFor(post(urlEqualTo(PATH)).withRequestBody(matchingJsonPath("$.prompt", equalTo(prompt)))
                    .inScenario(prompt).whenScenarioStateIs(state).willReturn(answers[i]).willSetStateTo(next));
            state = next;
        }
        ItemId id = ItemId.of(batchId, "scene_" + index);
        GenerationRequest request = GenerationRequest.first(id, prompt, null, Instant.now());
        TestTopics.publish(catalog.requests(Lane.IMAGE).name(), null, id.toString().getBytes(StandardCharsets.UTF_8),
                catalog.requests(Lane.IMAGE).valueSerde().serializer().serialize("", request));
        return id;
    }

    private static List<String> steps(StatusLog status, ItemId id) {
        return status.of(id).stream().map(e -> e.status() + "#" + e.attempt()).toList();
    }

    private static StatusEvent last(StatusLog status, ItemId id) {
        List<StatusEvent> events = status.of(id);
        return events.get(events.size() - 1);
    }

    private static StatusEvent event(StatusLog status, ItemId id, ItemStatus state, int attempt) {
        return status.of(id).stream().filter(e -> e.status() == state && e.attempt() == attempt).findFirst()
                .orElseThrow(() -> new AssertionError(id + " has no " + state + "#" + attempt));
    }
}
