package io.genfleet.aggregator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.genfleet.common.json.Json;
import io.genfleet.common.webhook.WebhookUrlPolicy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deliveries to a real HTTP receiver on loopback (allowed by the policy here, refused by default). */
class WebhookSenderTest {

    private static final WebhookSignature SIGNATURE = new WebhookSignature("test-secret");
    private static final List<Duration> BACKOFF = List.of(Duration.ofMillis(20), Duration.ofMillis(40),
            Duration.ofMillis(80), Duration.ofMillis(160));
    private static final WebhookEvent DONE = new WebhookEvent("b-1/batch.done/1700000000000", "batch.done",
            Instant.parse("2025-01-01T10:00:00Z"), Map.of("batchId", "b-1", "total", 3, "done", true));

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private String url;

    record Received(String signature, byte[] body) {
    }

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new Received(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                    exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(failuresLeft.getAndDecrement() > 0 ? 500 : 200, -1);
            exchange.close();
        });
        receiver.createContext("/moved", exchange -> {
            received.add(new Received(null, exchange.getRequestBody().readAllBytes()));
            exchange.getResponseHeaders().add("Location", url);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        receiver.start();
        url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private WebhookSender sender(WebhookUrlPolicy policy) {
        return new WebhookSender(SIGNATURE, policy, BACKOFF, Duration.ofSeconds(2), Clock.systemUTC());
    }

    @Test
    void aReceiverThatAnswers500ThreeTimesGetsTheSameEventOnTheFourthTry() throws Exception {
        failuresLeft.set(3);

        WebhookSender.Outcome outcome = sender(new WebhookUrlPolicy(true, true)).send(url, DONE);

        assertThat(outcome.delivered()).isTrue();
        assertThat(outcome.attempts()).isEqualTo(4);
        assertThat(received).hasSize(4).allSatisfy(delivery -> {
            assertThat(SIGNATURE.verifies(delivery.signature(), delivery.body())).isTrue();
            var json = Json.mapper().readTree(delivery.body());
            assertThat(json.path("id").asString()).isEqualTo(DONE.id());
            assertThat(json.path("type").asString()).isEqualTo("batch.done");
            assertThat(json.path("data").path("total").asInt()).isEqualTo(3);
        });
    }

    @Test
    void anUnreachableReceiverEndsUndeliverableAfterTheBackoff() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        WebhookSender.Outcome outcome = sender(new WebhookUrlPolicy(true, true))
                .send("http://127.0.0.1:" + closedPort + "/hook", DONE);

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.attempts()).isEqualTo(BACKOFF.size() + 1);
        assertThat(outcome.lastProblem()).contains("ConnectException");
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        WebhookSender.Outcome outcome = sender(new WebhookUrlPolicy(true, true)).send(url.replace("/hook", "/moved"),
                DONE);

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.lastProblem()).isEqualTo("HTTP 302");
        assertThat(received).as("only the redirecting endpoint was called").hasSize(BACKOFF.size() + 1)
                .allSatisfy(delivery -> assertThat(delivery.signature()).isNull());
    }

    @Test
    void theDefaultPolicyNeverCallsALoopbackReceiver() throws Exception {
        WebhookSender.Outcome outcome = sender(new WebhookUrlPolicy(false, false)).send(url, DONE);

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.lastProblem()).contains("must be an https URL");
        assertThat(received).isEmpty();
    }
}
