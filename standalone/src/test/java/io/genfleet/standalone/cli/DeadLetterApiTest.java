package io.genfleet.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.genfleet.common.client.GenfleetApi;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code dlt --url} against a loopback HTTP server that answers as the producer's API does and records the calls. */
class DeadLetterApiTest {

    private static final DeadLetterApi.Filter BATCH_B1 = new DeadLetterApi.Filter(null, "b1", null, null, null);

    private final List<String> calls = new CopyOnWriteArrayList<>();
    /** "METHOD path?query" → status and body; unknown requests get 404. */
    private final Map<String, String[]> answers = new ConcurrentHashMap<>();
    private HttpServer server;
    private DeadLetterApi api;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        api = new DeadLetterApi(new GenfleetApi(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "k",
                Duration.ofSeconds(5)));
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String call = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                + (query == null ? "" : "?" + query);
        calls.add(call);
        String[] answer = answers.getOrDefault(call, new String[] {"404", "{\"title\":\"Not Found\"}"});
        byte[] body = answer[1].getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static String entry(String itemKey, Integer epoch, String at, long offset) {
        return """
                {"batchId":"b1","itemKey":"%s","lane":"image","epoch":%s,"attempts":4,"errorType":"timeout",
                 "message":"too slow","at":"%s","topic":"g.image.requests-dlt","partition":0,"offset":%d,
                 "unreadable":%s}""".formatted(itemKey, epoch, at, offset, epoch == null ? "\"bad json\"" : "null");
    }

    private void page(String cursor, String next, String... entries) {
        answers.put("GET /api/dead-letters?batchId=b1&limit=500" + (cursor == null ? "" : "&cursor=" + cursor),
                new String[] {"200", "{\"deadLetters\":[" + String.join(",", entries) + "],\"nextCursor\":"
                        + (next == null ? "null" : "\"" + next + "\"") + "}"});
    }

    @Test
    void pagesThroughTheListingAndPrintsOldestFirstWithoutStatusWhenThereAreNoItemReads() {
        page(null, "c1", entry("scene_2", 0, "2026-01-01T10:00:03Z", 2), entry("scene_1", null, "2026-01-01T10:00:02Z", 1));
        page("c1", null, entry("scene_0", 0, "2026-01-01T10:00:01Z", 0));

        List<DeadLetterRow> rows = api.list(BATCH_B1);

        assertThat(rows).extracting(DeadLetterRow::itemKey).containsExactly("scene_0", "scene_1", "scene_2");
        assertThat(rows.get(1).epoch()).isNull();
        assertThat(rows.get(1).message()).isEqualTo("unreadable: bad json");
        assertThat(rows.get(0).where()).isEqualTo("g.image.requests-dlt/0/0");
        assertThat(rows).allSatisfy(row -> assertThat(row.now()).isEqualTo("-"));
        assertThat(DeadLetterApi.statusKnown(rows)).isFalse();
        assertThat(calls).contains("GET /api/batches/b1/items").hasSize(3);
    }

    @Test
    void sinceAndUntilAreAppliedHereAndPagingStopsOncePastSince() {
        page(null, "c1", entry("scene_2", 0, "2026-01-01T10:00:03Z", 2), entry("scene_1", 0, "2026-01-01T10:00:02Z", 1));
        // A third page (c2) is not answered: asking for it would fail the listing.
        page("c1", "c2", entry("scene_0", 0, "2026-01-01T10:00:01Z", 0));

        List<DeadLetterRow> rows = api.list(new DeadLetterApi.Filter(null, "b1", null,
                Instant.parse("2026-01-01T10:00:01.500Z"), Instant.parse("2026-01-01T10:00:03Z")));

        assertThat(rows).extracting(DeadLetterRow::itemKey).containsExactly("scene_1");
        assertThat(calls).anyMatch(call -> call.contains("cursor=c1")).noneMatch(call -> call.contains("cursor=c2"));
    }

    @Test
    void replaySkipsWhatTheItemReadsRuleOutRetriesEachItemOnceAndADryRunWritesNothing() throws Exception {
        page(null, null, entry("scene_1", 0, "2026-01-01T10:00:04Z", 3), entry("scene_1", 0, "2026-01-01T10:00:03Z", 2),
                entry("scene_0", 0, "2026-01-01T10:00:02Z", 1), entry("scene_2", 0, "2026-01-01T10:00:01Z", 0));
        answers.put("GET /api/batches/b1/items", new String[] {"200", """
                [{"itemKey":"scene_0","status":"failed_permanent","epoch":0},
                 {"itemKey":"scene_1","status":"failed_permanent","epoch":0},
                 {"itemKey":"scene_2","status":"complete","epoch":1}]"""});
        answers.put("POST /api/batches/b1/items/scene_0/retry", new String[] {"202",
                "{\"requeued\":2,\"items\":[\"scene_0\",\"video_scene_0\"],\"skipped\":[]}"});
        answers.put("POST /api/batches/b1/items/scene_1/retry", new String[] {"202",
                "{\"requeued\":0,\"items\":[],\"skipped\":[{\"itemKey\":\"scene_1\",\"reason\":\"epoch 1 is claimed\"}]}"});

        StringWriter dryOut = new StringWriter();
        int wouldReplay = new ApiReplay(api, new PrintWriter(dryOut)).replay(BATCH_B1, 1000, true);
        assertThat(wouldReplay).isEqualTo(2);
        assertThat(calls).noneMatch(call -> call.startsWith("POST"));
        assertThat(dryOut.toString()).contains("4 matching dead letters, 2 eligible",
                "skipped      b1/scene_2 epoch 0 (g.image.requests-dlt/0/0): the item is complete at epoch 1 now",
                "skipped      b1/scene_1 epoch 0 (g.image.requests-dlt/0/2): a newer dead letter of the same item stands for it",
                "dry run: would replay 2 dead letters; nothing was written");

        StringWriter out = new StringWriter();
        int replayed = new ApiReplay(api, new PrintWriter(out)).replay(BATCH_B1, 1000, false);

        assertThat(replayed).isEqualTo(1);
        assertThat(calls.stream().filter(call -> call.startsWith("POST"))).containsExactly(
                "POST /api/batches/b1/items/scene_0/retry", "POST /api/batches/b1/items/scene_1/retry");
        assertThat(out.toString()).contains("replayed     b1/scene_0 epoch 0 (g.image.requests-dlt/0/1) -> epoch 1",
                "requeued     b1/video_scene_0 too (it waited for scene_0)",
                "skipped      b1/scene_1 epoch 0 (g.image.requests-dlt/0/3): epoch 1 is claimed",
                "replayed 1 dead letter through the API; skipped 3");
    }

    @Test
    void refusedCredentialsAndErrorAnswersBecomeTheirExitCodes() {
        answers.put("GET /api/dead-letters?batchId=b1&limit=500", new String[] {"401",
                "{\"title\":\"Unauthorized\",\"detail\":\"no valid API key\"}"});
        assertThatThrownBy(() -> api.list(BATCH_B1)).isInstanceOfSatisfying(CliFailure.class, failure -> {
            assertThat(failure.exitCode()).isEqualTo(ExitCode.REFUSED);
            assertThat(failure.getMessage()).contains("HTTP 401 Unauthorized: no valid API key", "--api-key");
        });
        answers.put("GET /api/dead-letters?batchId=b1&limit=500", new String[] {"503",
                "{\"title\":\"Unavailable\",\"detail\":\"could not read the dead-letter topics\"}"});
        assertThatThrownBy(() -> api.list(BATCH_B1)).isInstanceOfSatisfying(CliFailure.class, failure ->
                assertThat(failure.exitCode()).isEqualTo(ExitCode.FAILED));
    }

    @Test
    void aServerThatIsNotThereIsUnreachable() {
        server.stop(0);
        assertThatThrownBy(() -> api.list(BATCH_B1)).isInstanceOfSatisfying(CliFailure.class, failure -> {
            assertThat(failure.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
            assertThat(failure.getMessage()).contains("did not answer", "--url");
        });
    }
}
