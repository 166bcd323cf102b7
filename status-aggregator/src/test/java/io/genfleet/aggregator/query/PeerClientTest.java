package io.genfleet.aggregator.query;

import static io.genfleet.aggregator.query.QueryFixtures.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.genfleet.common.item.ItemId;
import io.genfleet.common.json.Json;
import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ItemState;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.genfleet.common.security.web.InternalSecret;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** The client side of instance-to-instance queries, against a plain HTTP server standing in for the owner. */
class PeerClientTest {

    private static final String BATCH = "b-9";
    private static final String SECRET = "peer-secret-0123456789";
    /** Generous: a loaded build machine can take a second for a first request. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, String> asked = new ConcurrentHashMap<>();
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private HostInfo owner;
    private PeerClient client;

    record Answer(int status, byte[] body, boolean hang) {
    }

    @BeforeEach
    void startOwner() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            asked.put(path, String.valueOf(exchange.getRequestURI().getQuery()));
            secrets.put(path, String.valueOf(exchange.getRequestHeaders().getFirst(InternalSecret.HEADER)));
            Answer answer = answers.getOrDefault(path, new Answer(404, new byte[0], false));
            if (answer.hang()) {
                awaitRelease();
            }
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        owner = new HostInfo("127.0.0.1", server.getAddress().getPort());
        client = client(TIMEOUT);
    }

    private static PeerClient client(Duration timeout) {
        return new PeerClient(QueryFixtures.routing("127.0.0.1:1", timeout), new InternalSecret(SECRET),
                new StaticListableBeanFactory()
                .getBeanProvider(io.micrometer.core.instrument.MeterRegistry.class));
    }

    @AfterEach
    void stopOwner() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void anItemComesBackExactlyAsTheOwnerStoresIt() {
        ItemState state = item(BATCH, "video_scene_1");
        answers.put("/internal/batches/b-9/items/video_scene_1", new Answer(200, Json.write(state), false));

        assertThat(client.item(owner, ItemId.of(BATCH, "video_scene_1"), 4)).contains(state);
        assertThat(asked).containsEntry("/internal/batches/b-9/items/video_scene_1", "partition=4");
    }

    @Test
    void aSummaryComesBackExactlyAsTheOwnerStoresIt() {
        BatchSummary summary = QueryFixtures.summary(BATCH, item(BATCH, "scene_0"), item(BATCH, "scene_1"));
        answers.put("/internal/batches/b-9", new Answer(200, Json.write(summary), false));

        assertThat(client.summary(owner, BATCH, 0)).contains(summary);
        assertThat(asked).containsEntry("/internal/batches/b-9", "partition=0");
    }

    @Test
    void theListingAsksForExactlyTheOwnersPartitions() throws Exception {
        List<ItemState> items = List.of(item(BATCH, "scene_0"), item(BATCH, "scene_3"));
        answers.put("/internal/batches/b-9/items", new Answer(200, Json.write(items), false));

        assertThat(client.items(owner, BATCH, new java.util.TreeSet<>(Set.of(5, 1, 3))).get(5, TimeUnit.SECONDS))
                .isEqualTo(items);
        assertThat(asked).containsEntry("/internal/batches/b-9/items", "partitions=1,3,5");
    }

    @Test
    void everyQueryCarriesTheInternalSecret() {
        client.summary(owner, BATCH, 1);

        assertThat(secrets).containsEntry("/internal/batches/b-9", SECRET);
    }

    @Test
    void severalInstancesWithoutAnInternalSecretFailAtStartUp() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PeerClient(
                        QueryFixtures.routing("127.0.0.1:1", TIMEOUT), new InternalSecret(""),
                        new StaticListableBeanFactory().getBeanProvider(io.micrometer.core.instrument.MeterRegistry.class)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("GENFLEET_INTERNAL_SECRET");
    }

    @Test
    void notFoundAtTheOwnerIsUnknown() {
        assertThat(client.summary(owner, BATCH, 1)).isEmpty();
        assertThat(client.item(owner, ItemId.of(BATCH, "scene_0"), 1)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {503, 500, 400})
    void anyOtherAnswerIsUnavailableNotAnError(int status) {
        answers.put("/internal/batches/b-9", new Answer(status, "{}".getBytes(), false));

        assertThatThrownBy(() -> client.summary(owner, BATCH, 0)).isInstanceOf(StatusUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + owner.port());
    }

    @Test
    void anUnreadableAnswerIsUnavailable() {
        answers.put("/internal/batches/b-9", new Answer(200, "{\"batchId\":".getBytes(), false));

        assertThatThrownBy(() -> client.summary(owner, BATCH, 0)).isInstanceOf(StatusUnavailableException.class)
                .hasMessageContaining("unreadable");
    }

    @Test
    void anOwnerThatDoesNotAnswerInTimeIsUnavailableAfterTheTimeout() {
        answers.put("/internal/batches/b-9", new Answer(200, new byte[0], true));

        PeerClient impatient = client(SHORT_TIMEOUT);
        long start = System.nanoTime();
        assertThatThrownBy(() -> impatient.summary(owner, BATCH, 0)).isInstanceOf(StatusUnavailableException.class)
                .hasMessageContaining("did not answer within 300 ms");
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        // The owner holds the answer for 10 s: only the timeout can end the wait this early.
        assertThat(tookMillis).isBetween(SHORT_TIMEOUT.toMillis() - 50, 5_000L);
    }

    @Test
    void anOwnerThatIsGoneIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        HostInfo gone = new HostInfo("127.0.0.1", closedPort);

        assertThatThrownBy(() -> client.items(gone, BATCH, Set.of(0)).join())
                .hasCauseInstanceOf(StatusUnavailableException.class);
        assertThatThrownBy(() -> client.item(gone, ItemId.of(BATCH, "scene_0"), 0))
                .isInstanceOf(StatusUnavailableException.class).hasMessageContaining("did not answer");
    }

    private void awaitRelease() {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
