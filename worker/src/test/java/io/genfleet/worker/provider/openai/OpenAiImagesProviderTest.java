package io.genfleet.worker.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.ErrorType;
import io.genfleet.worker.provider.FailureClassifier;
import io.genfleet.worker.provider.GenerationException;
import io.genfleet.worker.provider.GenerationResult;
import io.genfleet.worker.provider.PermanentGenerationException;
import io.genfleet.worker.provider.http.ProviderServer;
import io.genfleet.worker.result.LocalResultStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The openai-images adapter against a real HTTP server on loopback. */
class OpenAiImagesProviderTest {

    /** The 8-byte PNG signature and a little more: enough for the store to recognise a PNG. */
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    @TempDir
    Path results;
    private ProviderServer provider;
    private OpenAiImagesProvider openAi;

    @BeforeEach
    void start() throws IOException {
        provider = new ProviderServer();
        // Generous: the first exchange of a fresh JVM on a busy machine is slow; the hung-endpoint test sets its own.
        openAi = new OpenAiImagesProvider(provider.http(Duration.ofSeconds(10)), new LocalResultStore(results),
                "gpt-image-1", "1024x1024");
    }

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void aBase64ImageIsStoredAndTheResultPointsAtTheStoredCopy() throws IOException {
        provider.server().stubFor(post(urlEqualTo("/v1/images/generations"))
                .willReturn(okJson("{\"created\": 1, \"data\": [{\"b64_json\": \""
                        + Base64.getEncoder().encodeToString(PNG) + "\"}]}")));
        GenerationRequest request = ProviderServer.request("scene_0", "a \"quoted\" lighthouse");

        GenerationResult result = openAi.generateAsync(request, 1, "b1/scene_0/0").join();

        Path stored = Path.of(URI.create(result.uri()));
        assertThat(stored).startsWith(results).hasFileName("0-1.png");
        assertThat(Files.readAllBytes(stored)).isEqualTo(PNG);
        assertThat(result.contentType()).isEqualTo("image/png");
        assertThat(result.sizeBytes()).isEqualTo(PNG.length);
        provider.server().verify(1, postRequestedFor(urlEqualTo("/v1/images/generations"))
                .withHeader("Authorization", equalTo("Bearer " + ProviderServer.KEY))
                .withHeader("Idempotency-Key", equalTo("b1/scene_0/0"))
                .withRequestBody(equalToJson("{\"model\": \"gpt-image-1\", \"prompt\": \"a \\\"quoted\\\" lighthouse\","
                        + " \"size\": \"1024x1024\", \"n\": 1}")));
    }

    @Test
    void paramsOverrideTheSizeAndAddWhatTheApiTakesBesides() {
        provider.server().stubFor(post(urlEqualTo("/v1/images/generations"))
                .willReturn(okJson("{\"data\": [{\"b64_json\": \"" + Base64.getEncoder().encodeToString(PNG) + "\"}]}")));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("size", "1536x1024");
        params.put("quality", "high");
        params.put("seed", 42);
        GenerationRequest request = GenerationRequest.first(ItemId.of("b1", "scene_2"), "a harbour", null,
                Instant.now(), params, null);

        openAi.generateAsync(request, 1, "b1/scene_2/0").join();

        provider.server().verify(1, postRequestedFor(urlEqualTo("/v1/images/generations"))
                .withRequestBody(equalToJson("{\"model\": \"gpt-image-1\", \"prompt\": \"a harbour\","
                        + " \"size\": \"1536x1024\", \"n\": 1, \"quality\": \"high\", \"seed\": 42}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"model", "prompt", "n"})
    void aParamNamingWhatGenfleetSetsFailsPermanentlyWithoutACall(String reserved) {
        GenerationRequest request = GenerationRequest.first(ItemId.of("b1", "scene_2"), "a harbour", null,
                Instant.now(), Map.of(reserved, 2), null);

        Throwable failure = catchThrowable(() -> openAi.generateAsync(request, 1, "b1/scene_2/0").join());

        assertThat(failure).isInstanceOf(CompletionException.class).cause()
                .isInstanceOf(PermanentGenerationException.class).hasMessageContaining("params." + reserved);
        provider.server().verify(0, postRequestedFor(urlEqualTo("/v1/images/generations")));
    }

    @Test
    void aUrlResultIsDownloadedWithoutTheProvidersKeyOnAnotherHost() throws IOException {
        // "localhost" is another host than the base URL's 127.0.0.1, as a CDN would be.
        String url = "http://localhost:" + provider.server().port() + "/cdn/img.png";
        provider.server().stubFor(post(urlEqualTo("/v1/images/generations"))
                .willReturn(okJson("{\"data\": [{\"url\": \"" + url + "\"}]}")));
        provider.server().stubFor(get(urlEqualTo("/cdn/img.png"))
                .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG)));

        GenerationResult result = openAi.generateAsync(ProviderServer.request("scene_1", "p"), 2, "b1/scene_1/0").join();

        assertThat(Files.readAllBytes(Path.of(URI.create(result.uri())))).isEqualTo(PNG);
        assertThat(result.uri()).endsWith("/b1/scene_1/0-2.png");
        provider.server().verify(getRequestedFor(urlEqualTo("/cdn/img.png")).withoutHeader("Authorization"));
    }

    @Test
    void aBadRequestIsPermanentWithTheProvidersMessage() {
        provider.server().stubFor(post(urlEqualTo("/v1/images/generations")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"code\": \"invalid_size\", \"message\": \"size must be one of 1024x1024\"}}")));

        GenerationException failure = failureOf("scene_0");

        assertThat(failure.errorType()).isEqualTo(ErrorType.PERMANENT);
        assertThat(failure.getMessage()).isEqualTo("HTTP 400: invalid_size: size must be one of 1024x1024");
        assertThat(results.resolve("b1")).doesNotExist();
    }

    @Test
    void aContentPolicyRefusalIsContentPolicy() {
        provider.server().stubFor(post(urlEqualTo("/v1/images/generations")).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\": {\"code\": \"content_policy_violation\", \"message\": \"rejected\"}}")));

        assertThat(failureOf("scene_0").errorType()).isEqualTo(ErrorType.CONTENT_POLICY);
    }

    @ParameterizedTest(name = "HTTP {0} is {1}")
    @CsvSource({"401,permanent", "403,permanent", "404,permanent", "422,permanent", "408,timeout", "409,transient",
            "425,transient", "429,rate_limited", "500,transient", "502,transient", "503,transient"})
    void statusesAreClassifiedByTheOneTaxonomy(int status, String type) {
        provider.server().stubFor(post(urlEqualTo("/v1/images/generations"))
                .willReturn(aResponse().withStatus(status).withBody("{\"error\": \"nope\"}")));

        GenerationException failure = failureOf("scene_0");

        assertThat(failure.errorType().wireName()).isEqualTo(type);
        assertThat(failure.getMessage()).isEqualTo("HTTP " + status + ": nope");
    }

    @Test
    void retryAfterInSecondsIsCarriedOnTheFailure() {
        provider.server().stubFor(post(urlEqualTo("/v1/images/generations"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")));

        GenerationException failure = failureOf("scene_0");

        assertThat(failure.errorType()).isEqualTo(ErrorType.RATE_LIMITED);
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(3));
    }

    @Test
    void aHungEndpointIsCutAtTheRequestTimeoutAsARetryableTimeout() throws IOException {
        provider.server().stubFor(post(urlEqualTo("/v1/images/generations"))
                .willReturn(okJson("{\"data\": []}").withFixedDelay(10_000)));
        openAi = new OpenAiImagesProvider(provider.http(Duration.ofMillis(800)), new LocalResultStore(results),
                "gpt-image-1", "1024x1024");
        long started = System.nanoTime();

        GenerationException failure = failureOf("scene_0");

        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(failure.errorType()).isEqualTo(ErrorType.TIMEOUT);
        assertThat(tookMs).as("cut at the 800 ms request timeout, not after the 10 s delay").isBetween(700L, 5_000L);
    }

    @Test
    void aRefusedConnectionIsTransient() {
        provider.server().stop();

        assertThat(failureOf("scene_0").errorType()).isEqualTo(ErrorType.TRANSIENT);
    }

    private GenerationException failureOf(String itemKey) {
        Throwable thrown = catchThrowable(() -> openAi.generateAsync(ProviderServer.request(itemKey, "p"), 1,
                "b1/" + itemKey + "/0").join());
        assertThat(thrown).isInstanceOf(CompletionException.class);
        return FailureClassifier.ofProviderFailure(thrown.getCause());
    }
}
