package io.genfleet.worker.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.Lane;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.testing.TestKafka;
import io.genfleet.worker.WorkerApplication;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The provider's circuit breaker on a real broker: a provider answering 503 opens it after 20 calls, the lane then
 * calls nothing for the open interval, and resumes by itself once the provider is back; every item completes once.
 */
class ProviderBreakerIT {

    private static final String PATH = "/v1/images/generations";
    private static final Duration OPEN_FOR = Duration.ofSeconds(5);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final String prefix = TestTopics.uniquePrefix("breaker");
    private final TopicCatalog catalog = new TopicCatalog(prefix, List.of(Duration.ofSeconds(2),
            Duration.ofSeconds(4), Duration.ofSeconds(8)));
    private final String batchId = "breaker-" + UUID.randomUUID().toString().substring(0, 8);
    @TempDir
    Path results;
    private WireMockServer provider;
    private ConfigurableApplicationContext worker;

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.close();
        }
        if (provider != null) {
            provider.stop();
        }
    }

    @Test
    void twentyFailuresOpenTheBreakerTheLaneWaitsAndResumesByItself() {
        provider = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        provider.start();
        provider.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(503).withBody("{\"error\": \"down\"}")));
        worker = new SpringApplicationBuilder(WorkerApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                        "--genfleet.topics.prefix=" + prefix,
                        "--genfleet.topics.partitions=2",
                        "--genfleet.worker.lanes=image",
                        // One call at a time: the 21st call could only start after the 20th failure was counted.
                        "--genfleet.worker.max-in-flight=1",
                        "--genfleet.providers.image.type=openai-images",
                        "--genfleet.providers.image.base-url=http://127.0.0.1:" + provider.port(),
                        "--genfleet.providers.image.breaker.window=20",
                        "--genfleet.providers.image.breaker.open-for=" + OPEN_FOR.toMillis() + "ms",
                        "--genfleet.results.dir=" + results);
        TestTopics.awaitFullAssignment(worker, 2);

        List<ItemId> items = IntStream.range(0, 30).mapToObj(i -> ItemId.of(batchId, "scene_" + i)).toList();
        TestTopics.publishAll(catalog.requests(Lane.IMAGE).name(), items.stream().map(this::keyAndValue).toList());

        await().alias("20 calls failed").atMost(Duration.ofSeconds(30)).until(() -> calls().size() >= 20);
        // The provider recovers at once; the breaker does not know it until it probes.
        provider.resetAll();
        provider.stubFor(post(urlEqualTo(PATH)).willReturn(okJson("{\"data\": [{\"b64_json\": \""
                + Base64.getEncoder().encodeToString(PNG) + "\"}]}")));

        try (StatusLog status = new StatusLog(catalog)) {
            status.awaitUntil("every item completes", Duration.ofSeconds(90), log -> items.stream().allMatch(log::terminal));
            // Expected: each item completes exactly once (none lost, none dead-lettered, no complete counted twice).
            for (ItemId id : items) {
                assertThat(status.of(id).stream().filter(e -> e.status() == ItemStatus.COMPLETE).count()).as("%s", id)
                        .isEqualTo(1);
                assertThat(status.of(id)).as("%s", id).noneMatch(e -> e.status() == ItemStatus.FAILED_PERMANENT);
            }
            Instant opened = status.all().stream().filter(e -> e.status() == ItemStatus.FAILED)
                    .map(e -> e.at()).sorted().skip(19).findFirst().orElseThrow();
            Instant firstCallAfter = calls().stream().sorted().findFirst().orElseThrow();
            System.out.printf("Breaker opened at the 20th failure %s; first call after recovery %s (%d ms later)%n",
                    opened, firstCallAfter, Duration.between(opened, firstCallAfter).toMillis());
            // Expected: no call reached the provider while the breaker was open (the stubs were reset after the
            // 20 failed calls, so every call logged now came after them).
            assertThat(Duration.between(opened, firstCallAfter)).as("the provider saw no call for the open interval")
                    .isGreaterThanOrEqualTo(OPEN_FOR.minusMillis(100));
        }
    }

    private List<Instant> calls() {
        return provider.findAll(postRequestedFor(urlEqualTo(PATH))).stream()
                .map(request -> request.getLoggedDate().toInstant()).toList();
    }

    private byte[][] keyAndValue(ItemId id) {
        GenerationRequest request = GenerationRequest.first(id, "p " + id.itemKey(), null, Instant.now());
        return new byte[][] {id.toString().getBytes(StandardCharsets.UTF_8),
                catalog.requests(Lane.IMAGE).valueSerde().serializer().serialize("", request)};
    }
}
