package io.genfleet.producer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.producer.ProducerApplication;
import io.genfleet.producer.batch.Storyboards;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * No broker at the bootstrap address: the producer still starts (nothing touches Kafka at start-up once
 * topic creation is off), and a submission answers 503 with Retry-After within the configured bound
 * instead of hanging for the client defaults (60 s max.block.ms, 120 s delivery.timeout.ms).
 */
@SpringBootTest(classes = ProducerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "genfleet.topics.create=false",
                "genfleet.producer.kafka.max-block=2s",
                "genfleet.producer.kafka.request-timeout=1s",
                "genfleet.producer.kafka.delivery-timeout=2s"})
class KafkaUnreachableIT {

    private static final StatusServiceStub STATUS = StatusServiceStub.start();

    @DynamicPropertySource
    static void unreachableKafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + closedPort());
        registry.add("genfleet.producer.status-url", STATUS::url);
        registry.add("genfleet.api-keys", () -> ApiClient.KEY);
    }

    @AfterAll
    static void stopStatusService() {
        STATUS.close();
    }

    @LocalServerPort
    private int port;

    @Test
    void answers503WithRetryAfterWithinTheBoundAndCanBeRetried() {
        ApiClient api = new ApiClient(port);
        long started = System.nanoTime();

        HttpResponse<String> response = api.submit(Storyboards.json("down-1", 2, 1, true));

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("Kafka unreachable: 503 after %d ms (max-block 2 s)%n", took.toMillis());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.body()).contains("\"batchId\":\"down-1\"");
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        // The id was released: the retry is refused for the same reason (503), not as a conflict (409).
        assertThat(api.submit(Storyboards.json("down-1", 2, 1, true)).statusCode()).isEqualTo(503);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
