package io.genfleet.producer.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Against a real HTTP server on 127.0.0.1 playing the status aggregator. */
class HttpBatchDirectoryTest {

    private HttpServer server;
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private volatile int status = 404;
    private final CountDownLatch hang = new CountDownLatch(1);
    private volatile boolean hanging;

    @BeforeEach
    void startStatusService() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getRawPath());
            if (hanging) {
                try {
                    hang.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = "{}".getBytes();
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        hang.countDown();
        server.stop(0);
    }

    private HttpBatchDirectory directory(Duration timeout) {
        return new HttpBatchDirectory(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"), timeout);
    }

    @Test
    void knownWhenTheAggregatorAnswers200() {
        status = 200;

        assertThat(directory(Duration.ofSeconds(2)).exists("b-1.x_Y")).isTrue();
        assertThat(paths).containsExactly("/api/batches/b-1.x_Y");
    }

    @Test
    void unknownWhenTheAggregatorAnswers404() {
        status = 404;

        assertThat(directory(Duration.ofSeconds(2)).exists("b1")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 401, 429, 500, 503})
    void anyOtherAnswerIsUnavailableNotAGuess(int answer) {
        status = answer;

        assertThatThrownBy(() -> directory(Duration.ofSeconds(2)).exists("b1"))
                .isInstanceOf(DirectoryUnavailableException.class).hasMessageContaining(String.valueOf(answer));
    }

    @Test
    void aSlowAggregatorIsUnavailableAfterTheTimeout() {
        hanging = true;
        long started = System.nanoTime();

        assertThatThrownBy(() -> directory(Duration.ofMillis(300)).exists("b1"))
                .isInstanceOf(DirectoryUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void anUnreachableAggregatorIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        HttpBatchDirectory unreachable = new HttpBatchDirectory(URI.create("http://127.0.0.1:" + closedPort),
                Duration.ofSeconds(1));

        assertThatThrownBy(() -> unreachable.exists("b1")).isInstanceOf(DirectoryUnavailableException.class);
    }
}
