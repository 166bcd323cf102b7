package io.genfleet.worker.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.Lane;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.testing.TestKafka;
import io.genfleet.worker.WorkerApplication;
import io.genfleet.worker.inflight.LaneLoops;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The video lane on an http-job API described by settings alone (no preset), against a real broker: a job that
 * runs three times {@code max.poll.interval.ms} is submitted once, polled, fetched, and completes once without a
 * rebalance.
 */
class HttpJobWorkerIT {

    private static final int MAX_POLL_INTERVAL_MS = 3_000;
    private static final byte[] MP4 = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2'};

    private final String prefix = TestTopics.uniquePrefix("httpjob");
    private final TopicCatalog catalog = new TopicCatalog(prefix, List.of(Duration.ofSeconds(2),
            Duration.ofSeconds(4), Duration.ofSeconds(8)));
    private final String batchId = "httpjob-" + UUID.randomUUID().toString().substring(0, 8);
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
    void aJobLongerThanMaxPollIntervalCompletesOnceWithoutARebalance() throws IOException {
        provider = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        provider.start();
        provider.stubFor(post(urlEqualTo("/v1/jobs")).willReturn(okJson("{\"job\": {\"id\": \"j-7\"}}")));
        provider.stubFor(get(urlEqualTo("/v1/jobs/j-7")).willReturn(okJson("{\"state\": \"running\"}")));
        provider.stubFor(get(urlEqualTo("/files/j-7.mp4")).willReturn(aResponse().withBody(MP4)));
        worker = new SpringApplicationBuilder(WorkerApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                        "--genfleet.topics.prefix=" + prefix,
                        "--genfleet.topics.partitions=2",
                        "--genfleet.worker.lanes=video",
                        "--genfleet.providers.video.type=http-job",
                        "--genfleet.providers.video.base-url=http://127.0.0.1:" + provider.port(),
                        "--genfleet.providers.video.api-key=vk-it",
                        "--genfleet.providers.video.http-job.submit-path=/v1/jobs",
                        "--genfleet.providers.video.http-job.status-path=/v1/jobs/{{id}}",
                        "--genfleet.providers.video.http-job.body-template={\"text\": \"{{prompt}}\"}",
                        "--genfleet.providers.video.http-job.id-pointer=/job/id",
                        "--genfleet.providers.video.http-job.status-pointer=/state",
                        "--genfleet.providers.video.http-job.output-pointer=/video",
                        "--genfleet.providers.video.http-job.success-values=done",
                        "--genfleet.providers.video.http-job.failure-values=error",
                        "--genfleet.providers.video.http-job.poll-initial=200ms",
                        "--genfleet.providers.video.http-job.poll-max=1s",
                        "--genfleet.results.dir=" + results,
                        "--spring.kafka.consumer.properties.max.poll.interval.ms=" + MAX_POLL_INTERVAL_MS);
        TestTopics.awaitFullAssignment(worker, 2);
        LaneLoops lanes = worker.getBean(LaneLoops.class);
        int revocationsBefore = lanes.revocations();

        ItemId video = ItemId.of(batchId, "video_scene_0");
        GenerationRequest request = GenerationRequest.first(video, "a slow pan", null, Instant.now());
        TestTopics.publish(catalog.requests(Lane.VIDEO).name(), null, video.toString().getBytes(StandardCharsets.UTF_8),
                catalog.requests(Lane.VIDEO).valueSerde().serializer().serialize("", request));

        // The job runs until it has been polled for three times max.poll.interval.ms.
        long[] firstPoll = {0};
        await().alias("the job has been running for 3 x max.poll.interval.ms").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    var polls = provider.findAll(getRequestedFor(urlEqualTo("/v1/jobs/j-7")));
                    if (polls.isEmpty()) {
                        return false;
                    }
                    firstPoll[0] = polls.get(0).getLoggedDate().getTime();
                    return System.currentTimeMillis() - firstPoll[0] >= 3L * MAX_POLL_INTERVAL_MS;
                });
        provider.stubFor(get(urlEqualTo("/v1/jobs/j-7")).willReturn(okJson(
                "{\"state\": \"done\", \"video\": \"" + provider.baseUrl() + "/files/j-7.mp4\"}")));

        try (StatusLog status = new StatusLog(catalog)) {
            status.awaitUntil("the video completes", Duration.ofSeconds(30), log -> log.terminal(video));
            // Expected: one attempt, reported once; a rebalance would have restarted it (generating#1 twice).
            assertThat(status.of(video)).extracting(e -> e.status() + "#" + e.attempt())
                    .containsExactly("generating#1", "complete#1");
            String resultUri = status.of(video).get(1).resultUri();
            assertThat(Files.readAllBytes(Path.of(URI.create(resultUri)))).isEqualTo(MP4);
        }
        assertThat(lanes.revocations()).as("partitions revoked while the job ran").isEqualTo(revocationsBefore);
        provider.verify(1, postRequestedFor(urlEqualTo("/v1/jobs"))
                .withHeader("Idempotency-Key", equalTo(batchId + "/video_scene_0/0")));
        int polls = provider.findAll(getRequestedFor(urlEqualTo("/v1/jobs/j-7"))).size();
        System.out.printf("http-job: 1 submit, %d polls over the job%n", polls);
        assertThat(polls).as("polled with backoff (200 ms growing to 1 s) over 9 s and more").isBetween(6, 30);
    }

    @Test
    void aReleasedVideoSendsItsPromptImageAndParamsToTheLumaPresetOnEveryAttempt() {
        provider = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        provider.start();
        String submit = "/dream-machine/v1/generations";
        // The first submit fails (503): the request goes through the 2 s delay topic and is submitted again.
        provider.stubFor(post(urlEqualTo(submit)).inScenario("submit").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        provider.stubFor(post(urlEqualTo(submit)).inScenario("submit").whenScenarioStateIs("up")
                .willReturn(okJson("{\"id\": \"g-1\", \"state\": \"queued\"}")));
        provider.stubFor(get(urlEqualTo(submit + "/g-1")).willReturn(okJson("{\"id\": \"g-1\", \"state\": "
                + "\"completed\", \"assets\": {\"video\": \"" + provider.baseUrl() + "/files/g-1.mp4\"}}")));
        provider.stubFor(get(urlEqualTo("/files/g-1.mp4")).willReturn(aResponse().withBody(MP4)));
        worker = new SpringApplicationBuilder(WorkerApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                        "--genfleet.topics.prefix=" + prefix,
                        "--genfleet.topics.partitions=2",
                        "--genfleet.worker.lanes=video",
                        "--genfleet.providers.video.type=http-job",
                        "--genfleet.providers.video.http-job.preset=luma",
                        "--genfleet.providers.video.base-url=http://127.0.0.1:" + provider.port(),
                        "--genfleet.providers.video.model=ray-2",
                        "--genfleet.providers.video.api-key=lk-it",
                        "--genfleet.providers.video.http-job.poll-initial=100ms",
                        "--genfleet.results.dir=" + results);
        TestTopics.awaitFullAssignment(worker, 2);

        // As the aggregator releases it: the storyboard's params, and the scene image's result as its input.
        ItemId video = ItemId.of(batchId, "video_scene_0");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("aspect_ratio", "16:9");
        params.put("loop", true);
        params.put("duration", "5s");
        GenerationRequest request = GenerationRequest.first(video, "the fox \"runs\"", null, Instant.now(), params,
                null).released(0, 0, List.of("https://results.example.com/" + batchId + "/scene_0/0-1.png"),
                Instant.now());
        TestTopics.publish(catalog.requests(Lane.VIDEO).name(), null, video.toString().getBytes(StandardCharsets.UTF_8),
                catalog.requests(Lane.VIDEO).valueSerde().serializer().serialize("", request));

        try (StatusLog status = new StatusLog(catalog)) {
            status.awaitUntil("the video completes", Duration.ofSeconds(45), log -> log.terminal(video));
            // Expected: attempt 1 failed (503), attempt 2 from the delay topic completed.
            assertThat(status.of(video)).extracting(e -> e.status() + "#" + e.attempt())
                    .containsExactly("generating#1", "failed#1", "generating#2", "complete#2");
        }
        // Both submits, the first and the one read back from the delay topic, carry the same body.
        provider.verify(2, postRequestedFor(urlEqualTo(submit))
                .withHeader("Authorization", equalTo("Bearer lk-it"))
                .withRequestBody(matchingJsonPath("$.prompt", equalTo("the fox \"runs\"")))
                .withRequestBody(matchingJsonPath("$.model", equalTo("ray-2")))
                .withRequestBody(matchingJsonPath("$.keyframes.frame0.type", equalTo("image")))
                .withRequestBody(matchingJsonPath("$.keyframes.frame0.url",
                        equalTo("https://results.example.com/" + batchId + "/scene_0/0-1.png")))
                .withRequestBody(matchingJsonPath("$.aspect_ratio", equalTo("16:9")))
                .withRequestBody(matchingJsonPath("$.duration", equalTo("5s")))
                .withRequestBody(matchingJsonPath("$[?(@.loop == true)]")));
    }
}
