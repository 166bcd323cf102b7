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
 * The producer service against the real broker with scoped keys: a change needs a key with its scope, in either
 * header; the actuator stays open; a refused key appears neither in the answer nor in the log; each key has its own
 * submission rate; every change leaves one audit line naming the key by its name, never by its secret.
 */
@SpringBootTest(classes = ProducerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ApiKeyAuthenticationIT {

    private static final String OTHER_KEY = "second-key-ABCDEFGHIJKLMNOP";
    private static final String WRONG_KEY = "wrong-key-Zq9Xv7Wb5Nc3Md1K";
    private static final String READ_ONLY_KEY = "read-only-key-ABCDEFGHIJKLM";
    private static final String SUBMIT_ONLY_KEY = "submit-only-key-ABCDEFGHIJK";
    private static final String RATE_KEY = "rate-limited-key-ABCDEFGHIJ";
    private static final int SUBMIT_PER_MINUTE = 5;
    private static final String PROBLEM = "application/problem+json";
    private static final StatusServiceStub STATUS = StatusServiceStub.start();

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("genfleet.topics.prefix", () -> "it-auth-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        registry.add("genfleet.topics.partitions", () -> 1);
        registry.add("genfleet.producer.status-url", STATUS::url);
        // a blank entry and spaces around the keys, as an operator might write them
        registry.add("genfleet.api-keys", () -> " " + ApiClient.KEY + ", ," + OTHER_KEY + " ," + READ_ONLY_KEY
                + "=read," + SUBMIT_ONLY_KEY + "=submit+read, " + RATE_KEY + "=submit");
        registry.add("genfleet.security.submit-per-minute", () -> SUBMIT_PER_MINUTE);
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
    void theActuatorStaysOpenButApiReadsNeedAKey() {
        assertThat(api().getResponse("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(api().getResponse("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(api().getResponse("/actuator/prometheus").body())
                .contains("genfleet_requests_rejected_total{reason=\"unauthorized\"}");
        assertThat(api().getResponse("/api/batches/some-batch").statusCode()).isEqualTo(401);
        assertThat(api().request("GET", "/api/batches/some-batch", null, "X-API-Key", READ_ONLY_KEY).statusCode())
                .as("past the key check: not a route of the producer").isIn(404, 405);
    }

    @Test
    void aKeyWithoutTheScopeIs403NamingIt() {
        HttpResponse<String> submit = api().request("POST", "/api/batches", storyboard(), "X-API-Key", READ_ONLY_KEY);
        HttpResponse<String> retry = api().request("POST", "/api/batches/auth-unknown/retry-failed", "{}",
                "X-API-Key", SUBMIT_ONLY_KEY);

        assertThat(submit.statusCode()).isEqualTo(403);
        assertThat(submit.headers().firstValue("Content-Type")).hasValue(PROBLEM);
        assertThat(submit.body()).contains("\"scope\":\"submit\"", "lacks the scope 'submit'", "it has: read")
                .doesNotContain(READ_ONLY_KEY);
        assertThat(retry.statusCode()).isEqualTo(403);
        assertThat(retry.body()).contains("\"scope\":\"operate\"");
        assertThat(api().request("POST", "/api/batches", storyboard(), "X-API-Key", SUBMIT_ONLY_KEY).statusCode())
                .isEqualTo(202);
    }

    @Test
    void eachKeyHasItsOwnSubmissionRateAndIsToldWhenToComeBack() {
        for (int i = 0; i < SUBMIT_PER_MINUTE; i++) {
            assertThat(api().request("POST", "/api/batches", storyboard(), "X-API-Key", RATE_KEY).statusCode())
                    .as("submission %d of %d within the minute", i + 1, SUBMIT_PER_MINUTE).isEqualTo(202);
        }
        HttpResponse<String> over = api().request("POST", "/api/batches", storyboard(), "X-API-Key", RATE_KEY);

        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(over.headers().firstValue("Content-Type")).hasValue(PROBLEM);
        // 5 per minute: the next token comes within 12 s.
        assertThat(over.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 12));
        assertThat(api().request("POST", "/api/batches", storyboard(), "X-API-Key", SUBMIT_ONLY_KEY).statusCode())
                .as("another key is not affected").isEqualTo(202);
        assertThat(api().getResponse("/actuator/prometheus").body())
                .contains("genfleet_requests_rejected_total{reason=\"rate_limited\"}")
                .contains("genfleet_api_changes_total{action=\"submit\",outcome=\"rate_limited\"}");
    }

    @Test
    void everyChangeLeavesOneAuditLineWithTheKeyNameNeverTheSecret(CapturedOutput output) {
        String batchId = "audit-" + UUID.randomUUID();
        HttpResponse<String> accepted = api().request("POST", "/api/batches", Storyboards.json(batchId, 1, 1, false),
                "X-API-Key", OTHER_KEY);
        HttpResponse<String> conflict = api().request("POST", "/api/batches", Storyboards.json(batchId, 1, 1, false),
                "X-API-Key", OTHER_KEY);
        api().request("POST", "/api/batches/" + batchId + "/retry-failed", "{}", "X-API-Key", READ_ONLY_KEY);

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(conflict.statusCode()).isEqualTo(409);
        String name = io.genfleet.common.security.ApiKeys.nameOf(OTHER_KEY);
        assertThat(output.getAll().lines().filter(line -> line.contains("audit action=") && line.contains(batchId))
                .map(line -> line.substring(line.indexOf("audit action=")).strip()))
                .containsExactly(
                        "audit action=submit key=" + name + " batch=" + batchId + " status=202 outcome=accepted",
                        "audit action=submit key=" + name + " batch=" + batchId + " status=409 outcome=conflict",
                        "audit action=retry_failed key=" + io.genfleet.common.security.ApiKeys.nameOf(READ_ONLY_KEY)
                                + " batch=" + batchId + " status=403 outcome=forbidden")
                .allSatisfy(line -> assertThat(line).doesNotContain(OTHER_KEY, READ_ONLY_KEY));
        assertThat(api().getResponse("/actuator/prometheus").body())
                .contains("genfleet_api_changes_total{action=\"submit\",outcome=\"accepted\"}");
    }

    private ApiClient api() {
        return new ApiClient(port);
    }

    private static String storyboard() {
        return Storyboards.json("auth-" + UUID.randomUUID(), 1, 1, false);
    }
}
