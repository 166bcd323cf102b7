package io.genfleet.producer.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.producer.ProducerApplication;
import io.genfleet.producer.batch.Storyboards;
import io.genfleet.producer.it.ApiClient;
import io.genfleet.producer.it.StatusServiceStub;
import io.genfleet.testing.TestKafka;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The producer service against the real broker with two keys configured: a change needs one of them, in either
 * header; reads and the actuator stay open; a refused key appears neither in the answer nor in the log.
 */
@SpringBootTest(classes = ProducerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ApiKeyAuthenticationIT {

    private static final String OTHER_KEY = "second-key-ABCDEFGHIJKLMNOP";
    private static final String WRONG_KEY = "wrong-key-Zq9Xv7Wb5Nc3Md1K";
    private static final String PROBLEM = "application/problem+json";
    private static final StatusServiceStub STATUS = StatusServiceStub.start();

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("genfleet.topics.prefix", () -> "it-auth-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        registry.add("genfleet.topics.partitions", () -> 1);
        registry.add("genfleet.producer.status-url", STATUS::url);
        // a blank entry and spaces around the keys, as an operator might write them
        registry.add("genfleet.api-keys", () -> " " + ApiClient.KEY + ", ," + OTHER_KEY + " ");
    }

    @AfterAll
    static void stopStatusService() {
        STATUS.close();
    }

    @LocalServerPort
    private int port;

    @Test
    void submissionWithoutAKeyIs401ProblemWithBearerChallenge() {
        HttpResponse<String> response = api().request("POST", "/api/batches", storyboard());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Bearer"));
        assertThat(response.body()).contains("\"type\":\"urn:genfleet:problem:unauthorized\"", "\"status\":401",
                "\"instance\":\"/api/batches\"", "X-API-Key");
    }

    @ParameterizedTest
    @CsvSource({"Authorization, Bearer " + WRONG_KEY, "X-API-Key, " + WRONG_KEY, "Authorization, Basic " + WRONG_KEY})
    void aWrongKeyIs401AndNeverEchoedNorLogged(String header, String value, CapturedOutput output) {
        HttpResponse<String> response = api().request("POST", "/api/batches", storyboard(), header, value);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(response.body()).doesNotContain(WRONG_KEY);
        assertThat(output.getAll()).contains("Refused POST /api/batches").doesNotContain(WRONG_KEY)
                .doesNotContain(ApiClient.KEY).doesNotContain(OTHER_KEY);
    }

    @ParameterizedTest
    @CsvSource({"Authorization, Bearer " + ApiClient.KEY, "Authorization, bearer " + OTHER_KEY,
            "X-API-Key, " + ApiClient.KEY, "X-API-Key, " + OTHER_KEY})
    void eitherHeaderWithAnyConfiguredKeyIsAccepted(String header, String value) {
        HttpResponse<String> response = api().request("POST", "/api/batches", storyboard(), header, value);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    @Test
    void retryFailedNeedsAKeyToo() {
        String path = "/api/batches/auth-unknown/retry-failed";

        assertThat(api().request("POST", path, "{}").statusCode()).isEqualTo(401);
        assertThat(api().request("POST", path, "{}", "X-API-Key", ApiClient.KEY).statusCode())
                .as("past the key check: the batch is unknown").isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "PATCH", "DELETE"})
    void everyOtherChangingMethodNeedsAKey(String method) {
        HttpResponse<String> response = api().request(method, "/api/batches/anything", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    }

    @Test
    void readsAndTheActuatorStayOpen() {
        assertThat(api().getResponse("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(api().getResponse("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(api().getResponse("/actuator/prometheus").body())
                .contains("genfleet_requests_rejected_total{reason=\"unauthorized\"}");
        assertThat(api().getResponse("/api/batches/some-batch").statusCode())
                .as("not served by the producer, but not refused for a missing key").isNotEqualTo(401);
    }

    private ApiClient api() {
        return new ApiClient(port);
    }

    private static String storyboard() {
        return Storyboards.json("auth-" + UUID.randomUUID(), 1, 1, false);
    }
}
