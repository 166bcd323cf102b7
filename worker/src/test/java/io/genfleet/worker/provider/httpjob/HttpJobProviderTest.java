package io.genfleet.worker.provider.httpjob;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.genfleet.common.status.ErrorType;
import io.genfleet.worker.provider.FailureClassifier;
import io.genfleet.worker.provider.GenerationException;
import io.genfleet.worker.provider.GenerationResult;
import io.genfleet.worker.provider.http.ProviderHttp;
import io.genfleet.worker.provider.http.ProviderServer;
import io.genfleet.worker.provider.limit.RequestRateLimiter;
import io.genfleet.worker.provider.limit.WaitObserver;
import io.genfleet.worker.result.LocalResultStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The http-job adapter with the Replicate preset against a real HTTP server on loopback. */
class HttpJobProviderTest {

    private static final String SUBMIT = "/v1/models/minimax/video-01/predictions";
    private static final String STATUS = "/v1/predictions/job-1";
    private static final byte[] MP4 = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'm', 'p', '4', '2'};

    @TempDir
    Path results;
    private ProviderServer provider;
    private WireMockServer server;
    private HttpJobProvider jobs;

    @BeforeEach
    void start() throws IOException {
        provider = new ProviderServer();
        server = provider.server();
        jobs = new HttpJobProvider("video", provider.http(Duration.ofSeconds(10)), new LocalResultStore(results),
                replicate(), "minimax/video-01");
    }

    @AfterEach
    void stop() {
        jobs.close();
        provider.close();
    }

    /** The preset, polling fast for the test. */
    static HttpJobSettings replicate() {
        return new HttpJobSettings(HttpJobPreset.REPLICATE, null, null, null, null, null, null, null, null, null,
                "Authorization", "Bearer", Map.of(), Duration.ofMillis(50), Duration.ofMillis(200), 2.0,
                ErrorType.TRANSIENT);
    }

    @Test
    void aJobSubmittedThenPolledThreeTimesSucceedsWithItsOutputStored() throws IOException {
        server.stubFor(post(urlEqualTo(SUBMIT)).willReturn(okJson(
                "{\"id\": \"job-1\", \"status\": \"starting\", \"output\": null}")));
        pollAnswers("{\"id\": \"job-1\", \"status\": \"starting\"}",
                "{\"id\": \"job-1\", \"status\": \"processing\"}",
                "{\"id\": \"job-1\", \"status\": \"succeeded\", \"output\": \"" + server.baseUrl() + "/out/video.mp4\"}");
        server.stubFor(get(urlEqualTo("/out/video.mp4"))
                .willReturn(aResponse().withHeader("Content-Type", "video/mp4").withBody(MP4)));

        GenerationResult result = jobs.generateAsync(ProviderServer.request("video_scene_0", "a \"storm\"\nat sea"), 1,
                "b1/video_scene_0/0").join();

        assertThat(Files.readAllBytes(Path.of(URI.create(result.uri())))).isEqualTo(MP4);
        assertThat(result.uri()).endsWith("/b1/video_scene_0/0-1.mp4");
        assertThat(result.contentType()).isEqualTo("video/mp4");
        server.verify(1, postRequestedFor(urlEqualTo(SUBMIT))
                .withHeader("Idempotency-Key", equalTo("b1/video_scene_0/0"))
                .withHeader("Authorization", equalTo("Bearer " + ProviderServer.KEY))
                .withRequestBody(equalToJson("{\"input\": {\"prompt\": \"a \\\"storm\\\"\\nat sea\"}}")));
        server.verify(3, getRequestedFor(urlEqualTo(STATUS)).withHeader("Idempotency-Key", equalTo("b1/video_scene_0/0")));
    }

    @Test
    void everyRequestOfAJobWaitsForARatePermitTheSubmitThePollsAndTheDownloadFromTheProvidersHost() throws IOException {
        server.stubFor(post(urlEqualTo(SUBMIT)).willReturn(okJson("{\"id\": \"job-1\", \"status\": \"starting\"}")));
        pollAnswers("{\"id\": \"job-1\", \"status\": \"starting\"}",
                "{\"id\": \"job-1\", \"status\": \"processing\"}",
                "{\"id\": \"job-1\", \"status\": \"succeeded\", \"output\": \"" + provider.baseUrl() + "/out/video.mp4\"}");
        // The output is on the provider's own host (127.0.0.1, as in its base URL): its download counts too.
        server.stubFor(get(urlEqualTo("/out/video.mp4")).willReturn(aResponse().withBody(MP4)));
        AtomicInteger permits = new AtomicInteger();
        RequestRateLimiter limiter = new RequestRateLimiter("video", 10, WaitObserver.NONE);
        ProviderHttp http = new ProviderHttp(provider.baseUrl(), ProviderHttp.Auth.bearer(Optional.of(ProviderServer.KEY)),
                Duration.ofSeconds(2), Duration.ofSeconds(10), Clock.systemUTC(), ProviderHttp.ExchangeObserver.NONE,
                () -> {
                    permits.incrementAndGet();
                    return limiter.permit();
                });

        try (HttpJobProvider limited = new HttpJobProvider("video", http, new LocalResultStore(results), replicate(),
                "minimax/video-01")) {
            limited.generateAsync(ProviderServer.request("video_scene_0", "p"), 1, "b1/video_scene_0/0")
                    .orTimeout(10, TimeUnit.SECONDS).join();
        } finally {
            limiter.close();
        }

        // Submit, three polls, the download: five requests, five permits, at 10/s at least 100 ms apart when sent.
        assertThat(permits).hasValue(5);
        List<Long> received = server.getAllServeEvents().stream()
                .map(event -> event.getRequest().getLoggedDate().getTime()).sorted().toList();
        assertThat(received).hasSize(5);
        assertThat(received.get(4) - received.get(0)).as("first to last request, ms").isGreaterThanOrEqualTo(350L);
    }

    @Test
    void aFailedJobIsClassifiedWithTheProvidersMessage() {
        server.stubFor(post(urlEqualTo(SUBMIT)).willReturn(okJson("{\"id\": \"job-1\", \"status\": \"starting\"}")));
        pollAnswers("{\"id\": \"job-1\", \"status\": \"failed\", \"error\": \"CUDA out of memory\"}");

        GenerationException failure = failureOf();

        assertThat(failure.errorType()).as("job-failure: transient by default").isEqualTo(ErrorType.TRANSIENT);
        assertThat(failure.getMessage()).isEqualTo("job job-1 failed: CUDA out of memory");
    }

    @Test
    void aJobRefusedForItsContentIsContentPolicy() {
        server.stubFor(post(urlEqualTo(SUBMIT)).willReturn(okJson("{\"id\": \"job-1\", \"status\": \"starting\"}")));
        pollAnswers("{\"id\": \"job-1\", \"status\": \"failed\", \"error\": \"NSFW content detected\"}");

        GenerationException failure = failureOf();

        assertThat(failure.errorType()).isEqualTo(ErrorType.CONTENT_POLICY);
        assertThat(failure.errorType().isRetryable()).isFalse();
    }

    @Test
    void aRefusedSubmitIsClassifiedLikeAnyAnswer() {
        server.stubFor(post(urlEqualTo(SUBMIT)).willReturn(aResponse().withStatus(422)
                .withBody("{\"detail\": \"input.prompt is required\"}")));

        GenerationException failure = failureOf();

        assertThat(failure.errorType()).isEqualTo(ErrorType.PERMANENT);
        assertThat(failure.getMessage()).isEqualTo("HTTP 422: input.prompt is required");
    }

    @Test
    void aPollThatFailsTransientlyIsRepeatedWithoutSubmittingAgain() {
        server.stubFor(post(urlEqualTo(SUBMIT)).willReturn(okJson("{\"id\": \"job-1\", \"status\": \"starting\"}")));
        pollAnswers(aResponse().withStatus(503).withHeader("Retry-After", "1"),
                okJson("{\"id\": \"job-1\", \"status\": \"succeeded\", \"output\": [\"data:video/mp4;base64,AAAAGGZ0eXBtcDQy\"]}"));
        long started = System.nanoTime();

        GenerationResult result = jobs.generateAsync(ProviderServer.request("video_scene_0", "p"), 1, "b1/video_scene_0/0")
                .join();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the poll after the 503 waited its Retry-After")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(result.contentType()).isEqualTo("video/mp4");
        server.verify(1, postRequestedFor(urlEqualTo(SUBMIT)));
        server.verify(2, getRequestedFor(urlEqualTo(STATUS)));
    }

    @Test
    void pollingStopsWhenTheAttemptIsCutByItsTimeLimit() {
        server.stubFor(post(urlEqualTo(SUBMIT)).willReturn(okJson("{\"id\": \"job-1\", \"status\": \"starting\"}")));
        server.stubFor(get(urlEqualTo(STATUS)).willReturn(okJson("{\"id\": \"job-1\", \"status\": \"processing\"}")));

        var attempt = jobs.generateAsync(ProviderServer.request("video_scene_0", "p"), 1, "b1/video_scene_0/0");
        attempt.orTimeout(500, java.util.concurrent.TimeUnit.MILLISECONDS);
        catchThrowable(attempt::join);
        int pollsAtTheCut = server.findAll(getRequestedFor(urlEqualTo(STATUS))).size();

        assertThat(pollsAtTheCut).isPositive();
        // Three poll-max intervals: a poll still scheduled would have run by then.
        await().alias("no more polls after the cut (one may have been on its way)").during(Duration.ofMillis(600))
                .atMost(Duration.ofSeconds(2))
                .until(() -> server.findAll(getRequestedFor(urlEqualTo(STATUS))).size() <= pollsAtTheCut + 1);
    }

    private void pollAnswers(String... bodies) {
        pollAnswers(java.util.Arrays.stream(bodies).map(body -> okJson(body)).toArray(ResponseDefinitionBuilder[]::new));
    }

    /** The status URL answers these in turn, the last one for ever. */
    private void pollAnswers(ResponseDefinitionBuilder... answers) {
        String state = STARTED;
        for (int i = 0; i < answers.length; i++) {
            String next = i == answers.length - 1 ? state : "poll-" + (i + 1);
            server.stubFor(get(urlEqualTo(STATUS)).inScenario("job").whenScenarioStateIs(state)
                    .willReturn(answers[i]).willSetStateTo(next));
            state = next;
        }
    }

    private GenerationException failureOf() {
        Throwable thrown = catchThrowable(() -> jobs.generateAsync(ProviderServer.request("video_scene_0", "p"), 1,
                "b1/video_scene_0/0").join());
        assertThat(thrown).isInstanceOf(CompletionException.class);
        return FailureClassifier.ofProviderFailure(thrown.getCause());
    }

}
