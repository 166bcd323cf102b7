package io.genfleet.producer.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import io.genfleet.producer.ProducerSettings;
import io.genfleet.producer.claim.ClaimSettings;
import io.genfleet.producer.web.FieldError;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

class BatchRequestReaderTest {

    private static final String JSON = "application/json";
    private final BatchRequestReader reader = new BatchRequestReader(new ProducerSettings(URI.create("http://127.0.0.1:1"),
            Duration.ofSeconds(1), Duration.ofSeconds(5), new ProducerSettings.Limits(200, 50, 4000, DataSize.ofKilobytes(1)),
            ProducerSettings.Kafka.defaults(), ClaimSettings.defaults()));

    @Test
    void readsTheContractShape() {
        SubmitBatchRequest request = read("""
                {"batchId": "b1", "scenes": [{"prompt": "p", "shots": [{"prompt": "s", "simulate": {"failTimes": 2}}],
                 "video": {"prompt": "v", "simulate": {"error": "timeout", "latencyMs": 5}}, "simulate": {}}]}""");

        assertThat(request.batchId()).isEqualTo("b1");
        assertThat(request.scenes().get(0).shots().get(0).simulate().failTimes()).isEqualTo(2);
        assertThat(request.scenes().get(0).video().simulate().error()).isEqualTo("timeout");
    }

    @Test
    void readsTheVideosDependencyChoices() {
        SubmitBatchRequest request = read("""
                {"scenes": [{"prompt": "p", "shots": [{"prompt": "s"}], "video": {"fromShot": 0}},
                            {"prompt": "q", "video": {"independent": true}}]}""");

        assertThat(request.scenes().get(0).video().fromShot()).isZero();
        assertThat(request.scenes().get(1).video().independent()).isTrue();
    }

    @Test
    void readsParamsWithTheirJsonTypesAndTheVideosImage() {
        SubmitBatchRequest request = read("""
                {"scenes": [{"prompt": "p", "params": {"size": "1024x1024", "seed": 7, "cfg": 2.5, "hd": true},
                  "shots": [{"prompt": "s", "params": {"seed": 8}}],
                  "video": {"params": {"duration": 5}, "imageUri": "https://cdn.example.com/a.png"}}]}""");

        SubmitBatchRequest.Scene scene = request.scenes().get(0);
        assertThat(scene.params()).containsExactly(entry("size", "1024x1024"), entry("seed", 7), entry("cfg", 2.5),
                entry("hd", true));
        assertThat(scene.shots().get(0).params()).containsExactly(entry("seed", 8));
        assertThat(scene.video().params()).containsExactly(entry("duration", 5));
        assertThat(scene.video().imageUri()).isEqualTo("https://cdn.example.com/a.png");
    }

    static Stream<Arguments> unreadableBodies() {
        return Stream.of(
                Arguments.of("{\"scenes\": [", "body", "malformed JSON: the document ends before it is complete"),
                Arguments.of("{\"scenes\": [}", "body", "malformed JSON: a closing bracket does not match the opening one"),
                Arguments.of("{\"scenes\": [{\"prompt\": \"p\",}]}", "body", "malformed JSON: unexpected character"),
                Arguments.of("{\"scenes\": [{\"prompt\": nope}]}", "body", "malformed JSON: a value is neither"),
                Arguments.of("{\"scenes\": []} {}", "body", "unexpected content after the JSON object"),
                Arguments.of("{\"batchId\": \"a\", \"batchId\": \"b\", \"scenes\": []}", "body",
                        "a property appears twice in the same object"),
                Arguments.of("{\"scenes\": [{\"prompt\": 1.5}]}", "scenes[0].prompt", "must be a string"),
                Arguments.of("null", "body", "must be a JSON object"),
                Arguments.of("[]", "body", "must be an object"),
                Arguments.of("{\"scenes\": {}}", "scenes", "must be an array"),
                Arguments.of("{\"scenes\": \"one\"}", "scenes", "must be an array"),
                Arguments.of("{\"scenes\": [\"x\"]}", "scenes[0]", "must be an object"),
                Arguments.of("{\"scenes\": [{\"prompt\": 7}]}", "scenes[0].prompt", "must be a string"),
                Arguments.of("{\"scenes\": [{\"prompt\": true}]}", "scenes[0].prompt", "must be a string"),
                Arguments.of("{\"scenes\": [{\"prompt\": \"p\", \"simulate\": {\"failTimes\": \"3\"}}]}",
                        "scenes[0].simulate.failTimes", "must be an integer"),
                Arguments.of("{\"scenes\": [{\"prompt\": \"p\", \"simulate\": {\"failTimes\": 2.5}}]}",
                        "scenes[0].simulate.failTimes", "must be an integer"),
                Arguments.of("{\"scenes\": [{\"prompt\": \"p\", \"simulate\": {\"failTimes\": 99999999999}}]}",
                        "scenes[0].simulate.failTimes", ""),
                Arguments.of("{\"scenes\": [{\"prompt\": \"p\", \"simualte\": {}}]}", "scenes[0].simualte",
                        "unknown property, expected one of [params, prompt, shots, simulate, video]"),
                Arguments.of("{\"scenes\": [{\"prompt\": \"p\", \"shots\": [{\"prompt\": \"s\", \"video\": {}}]}]}",
                        "scenes[0].shots[0].video", "unknown property"),
                Arguments.of("{\"batchid\": \"b\", \"scenes\": []}", "batchid", "unknown property"),
                Arguments.of("{\"scenes\": [{\"prompt\": \"p\", \"params\": [1]}]}", "scenes[0].params",
                        "must be an object"),
                Arguments.of("{\"scenes\": [{\"prompt\": \"p\", \"params\": \"seed=1\"}]}", "scenes[0].params",
                        "must be an object"),
                Arguments.of("{\"scenes\": [{\"prompt\": \"p\", \"video\": {\"imageUri\": 5}}]}",
                        "scenes[0].video.imageUri", "must be a string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableBodies")
    void namesWhereTheBodyCannotBeRead(String body, String field, String message) {
        InvalidBatchRequestException e = catchThrowableOfType(InvalidBatchRequestException.class, () -> read(body));

        assertThat(e).isNotNull();
        assertThat(e.errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo(field);
            assertThat(error.message()).contains(message)
                    .as("no parser internals").doesNotContain("Feature", "jackson", "Source:", "code 1");
        });
    }

    @Test
    void refusesABodyBeyondTheLimitWithoutADeclaredLength() {
        String big = "{\"scenes\": [{\"prompt\": \"" + "x".repeat(1100) + "\"}]}";

        assertThat(catchThrowableOfType(RequestTooLargeException.class,
                () -> reader.read(JSON, -1, new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))))
                .hasMessageContaining("at most 1024 bytes");
    }

    @Test
    void refusesADeclaredLengthBeyondTheLimitBeforeReading() {
        assertThat(catchThrowableOfType(RequestTooLargeException.class,
                () -> reader.read(JSON, 1025, new ByteArrayInputStream(new byte[0])))).isNotNull();
    }

    @Test
    void refusesAnEmptyBody() {
        assertThat(catchThrowableOfType(InvalidBatchRequestException.class, () -> read("")).errors())
                .containsExactly(new FieldError("body", "is required (a JSON object with 'scenes')"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/*", "nonsense"})
    void refusesBodiesNotDeclaredAsJson(String contentType) {
        assertThat(catchThrowableOfType(UnsupportedContentTypeException.class,
                () -> reader.read(contentType, 2, new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)))))
                .isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json;charset=UTF-8", "application/vnd.genfleet+json"})
    void acceptsJsonMediaTypes(String contentType) {
        byte[] body = "{\"scenes\": []}".getBytes(StandardCharsets.UTF_8);

        assertThat(reader.read(contentType, body.length, new ByteArrayInputStream(body)).scenes()).isEmpty();
    }

    private SubmitBatchRequest read(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return reader.read(JSON, bytes.length, new ByteArrayInputStream(bytes));
    }
}
