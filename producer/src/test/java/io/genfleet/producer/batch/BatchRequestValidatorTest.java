package io.genfleet.producer.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.genfleet.common.item.ItemId;
import io.genfleet.producer.ProducerSettings;
import io.genfleet.producer.claim.ClaimSettings;
import io.genfleet.producer.batch.SubmitBatchRequest.Scene;
import io.genfleet.producer.batch.SubmitBatchRequest.Shot;
import io.genfleet.producer.batch.SubmitBatchRequest.Simulate;
import io.genfleet.producer.batch.SubmitBatchRequest.Video;
import io.genfleet.producer.web.FieldError;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

class BatchRequestValidatorTest {

    /** Small limits so the edges are cheap: 3 scenes, 2 shots, 10 characters. */
    private static final ProducerSettings SETTINGS = new ProducerSettings(URI.create("http://127.0.0.1:1"),
            Duration.ofSeconds(1), Duration.ofSeconds(5), new ProducerSettings.Limits(3, 2, 10, DataSize.ofKilobytes(64)),
            ProducerSettings.Kafka.defaults(), ClaimSettings.defaults());

    private final BatchRequestValidator validator = new BatchRequestValidator(SETTINGS);

    @Test
    void acceptsAStoryboardAtEveryLimit() {
        Simulate edges = new Simulate(100, "rate_limited", 600_000);
        Scene scene = new Scene("0123456789", List.of(new Shot("a", edges), new Shot("b", new Simulate(0, null, 0))),
                new Video("v", edges), edges);
        SubmitBatchRequest request = new SubmitBatchRequest("A-z_0.9", List.of(scene, scene, scene));

        assertThatCode(() -> validator.validate(request)).doesNotThrowAnyException();
    }

    @Test
    void acceptsParamsAndAnImageAtTheirLimits() {
        Map<String, Object> scene = manyKeys(32);
        Map<String, Object> shot = Map.of("k0", "override", "k1", 1.5, "k2", false);
        assertThatCode(() -> validator.validate(withParams(manyKeys(16), prefixed("s", 16), scene,
                "https://cdn.example.com/" + "x".repeat(2000))))
                .doesNotThrowAnyException();
        assertThatCode(() -> validator.validate(withParams(scene, shot, Map.of(), "http://10.0.0.1:8080/a.png")))
                .as("a shot overriding its scene's keys stays at 32").doesNotThrowAnyException();
    }

    @Test
    void acceptsAnAbsentBatchIdAndAbsentOptionalParts() {
        assertThatCode(() -> validator.validate(new SubmitBatchRequest(null, List.of(new Scene("p", List.of(), null, null)))))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "slash/inside", "ümlaut", "0123456789012345678901234567890123456789012345678901234567890123X",
            ".", "..", ".hidden", "%2e%2e"})
    void rejectsABatchIdOutsideTheContractAlphabet(String batchId) {
        assertThat(errors(new SubmitBatchRequest(batchId, List.of(scene("p")))))
                .containsExactly(new FieldError("batchId", ItemId.BATCH_ID_RULE));
    }

    static Stream<Arguments> invalidStoryboards() {
        Scene ok = scene("p");
        return Stream.of(
                Arguments.of("no scenes", new SubmitBatchRequest(null, null), "scenes", "is required"),
                Arguments.of("empty scenes", new SubmitBatchRequest(null, List.of()), "scenes", "at least 1"),
                Arguments.of("too many scenes", new SubmitBatchRequest(null, List.of(ok, ok, ok, ok)), "scenes", "at most 3"),
                Arguments.of("null scene", new SubmitBatchRequest(null, Arrays.asList(ok, null)), "scenes[1]", "was null"),
                Arguments.of("missing prompt", new SubmitBatchRequest(null, List.of(scene(null))), "scenes[0].prompt",
                        "is required"),
                Arguments.of("blank prompt", new SubmitBatchRequest(null, List.of(ok, scene(" \t"))), "scenes[1].prompt",
                        "must not be blank"),
                Arguments.of("prompt too long", new SubmitBatchRequest(null, List.of(scene("01234567890"))),
                        "scenes[0].prompt", "at most 10 characters, has 11"),
                Arguments.of("too many shots", new SubmitBatchRequest(null, List.of(new Scene("p",
                        List.of(new Shot("a", null), new Shot("b", null), new Shot("c", null)), null, null))),
                        "scenes[0].shots", "at most 2 shots"),
                Arguments.of("null shot", new SubmitBatchRequest(null, List.of(new Scene("p",
                        Arrays.asList(new Shot("a", null), null), null, null))), "scenes[0].shots[1]", "was null"),
                Arguments.of("blank shot prompt", new SubmitBatchRequest(null, List.of(ok, new Scene("p",
                        List.of(new Shot("a", null), new Shot("", null)), null, null))), "scenes[1].shots[1].prompt",
                        "must not be blank"),
                Arguments.of("blank video prompt", new SubmitBatchRequest(null, List.of(new Scene("p", null,
                        new Video(" ", null), null))), "scenes[0].video.prompt", "must not be blank"),
                Arguments.of("negative failTimes", withSimulate(new Simulate(-1, null, null)), "scenes[0].simulate.failTimes",
                        "between 0 and 100"),
                Arguments.of("failTimes above 100", withSimulate(new Simulate(101, null, null)),
                        "scenes[0].simulate.failTimes", "between 0 and 100"),
                Arguments.of("unknown error", withSimulate(new Simulate(1, "flaky", null)), "scenes[0].simulate.error",
                        "must be one of [transient, timeout, rate_limited, permanent"),
                Arguments.of("error in upper case", withSimulate(new Simulate(1, "TIMEOUT", null)),
                        "scenes[0].simulate.error", "must be one of"),
                Arguments.of("negative latency", withSimulate(new Simulate(null, null, -5)), "scenes[0].simulate.latencyMs",
                        "between 0 and 600000"),
                Arguments.of("shot simulate", new SubmitBatchRequest(null, List.of(new Scene("p",
                        List.of(new Shot("a", new Simulate(1, "nope", null))), null, null))),
                        "scenes[0].shots[0].simulate.error", "must be one of"),
                Arguments.of("video simulate", new SubmitBatchRequest(null, List.of(new Scene("p", null,
                        new Video(null, new Simulate(null, null, 600_001)), null))), "scenes[0].video.simulate.latencyMs",
                        "between 0 and 600000"),
                Arguments.of("fromShot without shots", new SubmitBatchRequest(null, List.of(new Scene("p", null,
                        new Video(null, null, 0, null), null))), "scenes[0].video.fromShot", "needs a scene with shots"),
                Arguments.of("fromShot past the shots", new SubmitBatchRequest(null, List.of(new Scene("p",
                        List.of(new Shot("a", null)), new Video(null, null, 1, null), null))), "scenes[0].video.fromShot",
                        "from 0 to 0, was 1"),
                Arguments.of("scene params not scalar", withParams(Map.of("style", Map.of("a", 1)), null, null, null),
                        "scenes[0].params.style", "must be a string, a number or a boolean, was an object"),
                Arguments.of("scene params too many keys", withParams(manyKeys(33), null, null, null),
                        "scenes[0].params", "at most 32 keys, has 33"),
                Arguments.of("shot params bad key", withParams(null, Map.of("a b", 1), null, null),
                        "scenes[0].shots[0].params.a b", "[A-Za-z0-9_.-]{1,64}"),
                Arguments.of("shot params an array", withParams(null, Map.of("seeds", List.of(1, 2)), null, null),
                        "scenes[0].shots[0].params.seeds", "was an array"),
                Arguments.of("merged params too many keys", withParams(manyKeys(20), prefixed("s", 20), null, null),
                        "scenes[0].shots[0].params", "at most 32 keys, has 40"),
                Arguments.of("merged params too big", withParams(Map.of("a", "x".repeat(1000), "b", "x".repeat(1000),
                        "c", "x".repeat(1000)), Map.of("d", "x".repeat(1000), "e", "x".repeat(1000)), null, null),
                        "scenes[0].shots[0].params", "at most 4096 bytes"),
                Arguments.of("video params null value", withParams(null, null, nullValued("seed"), null),
                        "scenes[0].video.params.seed", "was null"),
                Arguments.of("video params too long a string", withParams(null, null, Map.of("style", "x".repeat(1025)),
                        null), "scenes[0].video.params.style", "at most 1024 characters"),
                Arguments.of("imageUri relative", withParams(null, null, null, "/a.png"), "scenes[0].video.imageUri",
                        "absolute https or http"),
                Arguments.of("imageUri file", withParams(null, null, null, "file:///etc/passwd"),
                        "scenes[0].video.imageUri", "absolute https or http"),
                Arguments.of("imageUri without host", withParams(null, null, null, "https:///a.png"),
                        "scenes[0].video.imageUri", "must name a host"),
                Arguments.of("imageUri not a URI", withParams(null, null, null, "https://a b/c.png"),
                        "scenes[0].video.imageUri", "is not a URI"),
                Arguments.of("fromShot and independent", new SubmitBatchRequest(null, List.of(new Scene("p",
                        List.of(new Shot("a", null)), new Video(null, null, 0, true), null))),
                        "scenes[0].video.fromShot", "cannot be combined with independent: true"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidStoryboards")
    void namesTheInvalidField(String rule, SubmitBatchRequest request, String field, String message) {
        List<FieldError> errors = errors(request);

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).field()).isEqualTo(field);
        assertThat(errors.get(0).message()).contains(message);
    }

    @Test
    void reportsEveryInvalidFieldInOneAnswer() {
        SubmitBatchRequest request = new SubmitBatchRequest("bad id", List.of(scene(""),
                new Scene("p", List.of(new Shot(null, new Simulate(-1, "x", null))), null, null)));

        assertThat(errors(request)).extracting(FieldError::field).containsExactly("batchId", "scenes[0].prompt",
                "scenes[1].shots[0].prompt", "scenes[1].shots[0].simulate.failTimes", "scenes[1].shots[0].simulate.error");
    }

    @Test
    void capsTheNumberOfErrorsReported() {
        ProducerSettings roomy = new ProducerSettings(SETTINGS.statusUrl(), SETTINGS.statusTimeout(), SETTINGS.retryAfter(),
                new ProducerSettings.Limits(200, 50, 10, DataSize.ofMegabytes(1)), SETTINGS.kafka(), SETTINGS.replay());
        List<Scene> blank = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            blank.add(scene(" "));
        }

        assertThat(catchThrowableOfType(InvalidBatchRequestException.class,
                () -> new BatchRequestValidator(roomy).validate(new SubmitBatchRequest(null, blank))).errors())
                .hasSize(BatchRequestValidator.MAX_ERRORS);
    }

    @Test
    void countsCharactersNotUtf16Units() {
        String tenEmoji = "😀".repeat(10); // 20 UTF-16 units, 10 characters

        assertThatCode(() -> validator.validate(new SubmitBatchRequest(null, List.of(scene(tenEmoji)))))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @MethodSource("refusedNotifications")
    void refusesANotifyThatTheWebhookPolicyOrTheEventListForbids(SubmitBatchRequest.NotifyRequest notify, String field,
                                                                  String message) {
        List<FieldError> errors = errors(new SubmitBatchRequest(null, List.of(scene("p")), notify));

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).field()).isEqualTo(field);
        assertThat(errors.get(0).message()).contains(message);
    }

    static Stream<Arguments> refusedNotifications() {
        List<String> done = List.of("batch.done");
        return Stream.of(
                Arguments.of(new SubmitBatchRequest.NotifyRequest(null, done), "notify.url", "is required"),
                Arguments.of(new SubmitBatchRequest.NotifyRequest("http://93.184.216.34/hook", done), "notify.url",
                        "must be an https URL"),
                Arguments.of(new SubmitBatchRequest.NotifyRequest("https://127.0.0.1/hook", done), "notify.url",
                        "non-public address 127.0.0.1"),
                Arguments.of(new SubmitBatchRequest.NotifyRequest("https://10.1.2.3/hook", done), "notify.url",
                        "non-public address"),
                Arguments.of(new SubmitBatchRequest.NotifyRequest("https://93.184.216.34/hook", List.of()),
                        "notify.events", "at least one"),
                Arguments.of(new SubmitBatchRequest.NotifyRequest("https://93.184.216.34/hook",
                        List.of("batch.done", "batch.exploded")), "notify.events[1]", "must be one of"));
    }

    @Test
    void acceptsAPublicHttpsReceiverAndLoopbackHttpOnlyWhenConfigured() {
        SubmitBatchRequest.NotifyRequest publicHttps = new SubmitBatchRequest.NotifyRequest("https://93.184.216.34/hook",
                List.of("batch.done", "item.failed_permanent", "batch.progress"));
        SubmitBatchRequest.NotifyRequest loopbackHttp = new SubmitBatchRequest.NotifyRequest("http://127.0.0.1:9/hook",
                List.of("batch.done"));
        BatchRequestValidator permissive = new BatchRequestValidator(SETTINGS, new io.genfleet.common.webhook.WebhookSettings(
                "", true, true, "", List.of("batch.done"), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 1, Duration.ofSeconds(10)));

        assertThatCode(() -> validator.validate(new SubmitBatchRequest(null, List.of(scene("p")), publicHttps)))
                .doesNotThrowAnyException();
        assertThat(errors(new SubmitBatchRequest(null, List.of(scene("p")), loopbackHttp))).hasSize(1);
        assertThatCode(() -> permissive.validate(new SubmitBatchRequest(null, List.of(scene("p")), loopbackHttp)))
                .doesNotThrowAnyException();
    }

    private List<FieldError> errors(SubmitBatchRequest request) {
        InvalidBatchRequestException e = catchThrowableOfType(InvalidBatchRequestException.class,
                () -> validator.validate(request));
        assertThat(e).as("validation error for %s", request).isNotNull();
        return e.errors();
    }

    private static Scene scene(String prompt) {
        return new Scene(prompt, null, null, null);
    }

    /** One scene with one shot and a video, carrying the given params and image. */
    private static SubmitBatchRequest withParams(Map<String, Object> sceneParams, Map<String, Object> shotParams,
                                                 Map<String, Object> videoParams, String imageUri) {
        return new SubmitBatchRequest(null, List.of(new Scene("p", List.of(new Shot("s", null, shotParams)),
                new Video(null, null, null, null, videoParams, imageUri), null, sceneParams)));
    }

    private static Map<String, Object> manyKeys(int n) {
        return prefixed("k", n);
    }

    private static Map<String, Object> prefixed(String prefix, int n) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            params.put(prefix + i, i);
        }
        return params;
    }

    private static Map<String, Object> nullValued(String key) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put(key, null);
        return params;
    }

    private static SubmitBatchRequest withSimulate(Simulate simulate) {
        return new SubmitBatchRequest(null, List.of(new Scene("p", null, null, simulate)));
    }
}
