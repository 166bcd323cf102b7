package io.genfleet.standalone;

import static io.genfleet.standalone.FleetApi.is;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.genfleet.standalone.fleet.FleetOptions;
import io.genfleet.standalone.fleet.RunningFleet;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The API the console reads, on the all-in-one fleet (its embedded broker, the real worker and aggregator): the batch
 * listing, one item's retry, and the fleet view with lag, in-flight and members that follow the work.
 */
class ConsoleApiIT {

    private static final Map<String, String> SETTINGS = Map.of(
            "genfleet.worker.provider.latency-min", "5ms",
            "genfleet.worker.provider.latency-max", "20ms",
            "genfleet.worker.provider.failure-rate", "0",
            "genfleet.topics.retry-delays", "200ms,300ms,400ms",
            "genfleet.console.grafana-url", "https://grafana.example/d/genfleet");

    private static RunningFleet fleet;
    private static FleetApi api;

    @BeforeAll
    static void startFleet() throws IOException {
        fleet = RunningFleet.start(new FleetOptions(0, Files.createTempDirectory("genfleet-console-it-"), true, SETTINGS));
        api = new FleetApi(fleet.baseUrl(), fleet.apiKey().value());
    }

    @AfterAll
    static void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void listingIsNewestFirstFiltersByStateAndPages() {
        String failing = submit("list-failing", "{\"prompt\": \"a\", \"simulate\": {\"failTimes\": 4}}");
        api.awaitItems(failing, 1, "the failing item failed_permanent", is("failed_permanent", 0));
        String clean = submit("list-clean", "{\"prompt\": \"b\"}");
        api.awaitItems(clean, 1, "the clean item complete", is("complete", 0));

        List<String> newestFirst = ids(api.get("/api/batches?limit=200"));
        List<String> failed = ids(api.get("/api/batches?state=failed&limit=200"));
        JsonNode firstPage = api.get("/api/batches?limit=1");
        JsonNode secondPage = api.get("/api/batches?limit=1&cursor=" + firstPage.path("nextCursor").asString());

        assertThat(newestFirst).containsSubsequence(clean, failing);
        assertThat(failed).contains(failing).doesNotContain(clean);
        assertThat(ids(firstPage)).containsExactly(newestFirst.get(0));
        assertThat(ids(secondPage)).containsExactly(newestFirst.get(1));
        JsonNode entry = api.get("/api/batches?limit=200").path("batches").valueStream()
                .filter(b -> b.path("batchId").asString().equals(failing)).findFirst().orElseThrow();
        assertThat(entry.path("counts").path("failed_permanent").asInt()).isEqualTo(1);
        assertThat(entry.path("done").asBoolean()).isTrue();
        assertThat(entry.path("createdAt").asString()).isNotBlank();
        var refused = api.send("/api/batches?state=stuck");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
    }

    @Test
    void retryingOneItemRequeuesOnlyItOnceAndItCompletesInTheNextEpoch() {
        String batch = submit("item-retry", "{\"prompt\": \"a\", \"simulate\": {\"failTimes\": 4}}",
                "{\"prompt\": \"b\", \"simulate\": {\"failTimes\": 4}}");
        api.awaitItems(batch, 2, "both items failed_permanent", is("failed_permanent", 0));

        var first = api.post("/api/batches/" + batch + "/items/scene_1/retry", null);
        var second = api.post("/api/batches/" + batch + "/items/scene_1/retry", null);

        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(first.body()).contains("\"requeued\":1").contains("scene_1").doesNotContain("scene_0");
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.body()).contains("\"requeued\":0");
        // Expected: scene_1 completes at epoch 1 (its 5th attempt over all epochs); scene_0 stays failed_permanent.
        await("scene_1 complete at epoch 1").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/api/batches/" + batch + "/items/scene_1"), is("complete", 1)::test);
        assertThat(api.get("/api/batches/" + batch + "/items/scene_0").path("status").asString())
                .isEqualTo("failed_permanent");
    }

    @Test
    void deadLettersAreListedNewestFirstWithReasonAndAttemptsAndFiltered() {
        String older = submit("dl-older", "{\"prompt\": \"a\", \"simulate\": {\"failTimes\": 1, \"error\": \"permanent\"}}");
        api.awaitItems(older, 1, "the older item failed_permanent", is("failed_permanent", 0));
        String newer = submit("dl-newer", "{\"prompt\": \"a\", \"simulate\": {\"failTimes\": 4, \"error\": \"timeout\"}}");
        api.awaitItems(newer, 1, "the newer item failed_permanent", is("failed_permanent", 0));

        JsonNode ofNewer = api.get("/api/dead-letters?batchId=" + newer);
        JsonNode all = api.get("/api/dead-letters?lane=image&limit=500");
        JsonNode permanent = api.get("/api/dead-letters?errorType=permanent&limit=500");

        // Expected: the newer batch's one dead letter, after 4 attempts of its only epoch, with the timeout's reason.
        assertThat(ofNewer.path("deadLetters")).hasSize(1);
        JsonNode letter = ofNewer.path("deadLetters").get(0);
        assertThat(letter.path("itemKey").asString()).isEqualTo("scene_0");
        assertThat(letter.path("lane").asString()).isEqualTo("image");
        assertThat(letter.path("errorType").asString()).isEqualTo("timeout");
        assertThat(letter.path("attempts").asInt()).isEqualTo(4);
        assertThat(letter.path("epoch").asInt()).isZero();
        assertThat(letter.path("message").asString()).isNotBlank();
        List<String> batches = new ArrayList<>();
        all.path("deadLetters").forEach(entry -> batches.add(entry.path("batchId").asString()));
        assertThat(batches).containsSubsequence(newer, older);
        assertThat(permanent.path("deadLetters").valueStream().map(entry -> entry.path("batchId").asString()))
                .contains(older).doesNotContain(newer);
        var refused = api.send("/api/dead-letters?lane=audio");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"lane\"");
    }

    @Test
    void fleetViewShowsMembersInFlightAndLagThatFollowTheWork() {
        JsonNode idle = api.get("/api/fleet");
        assertThat(idle).isNotNull();
        JsonNode image = lane(idle, "image");
        assertThat(image.path("members").asInt()).as("the worker process in the image group").isEqualTo(1);
        List<String> tiers = new ArrayList<>();
        image.path("topics").forEach(topic -> tiers.add(topic.path("tier").asString()));
        assertThat(tiers).containsExactly("requests", "retry-200", "retry-300", "retry-400", "dead-letters");
        assertThat(image.path("topics").get(0).path("group").asString()).isEqualTo("genfleet-worker-image");

        String slow = submit("fleet-slow", "{\"prompt\": \"a\", \"simulate\": {\"latencyMs\": 3000}}",
                "{\"prompt\": \"b\", \"simulate\": {\"latencyMs\": 3000}}");

        // Expected while both generate: 2 in flight, and their offsets not committed yet (lag 2 on the lane topic).
        JsonNode busy = await("2 image generations in flight").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100)).until(() -> lane(api.get("/api/fleet"), "image"),
                        lane -> lane.path("inFlight").asInt() == 2);
        System.out.printf("fleet view while busy: %s%n", busy);
        assertThat(busy.path("lag").asLong()).isGreaterThanOrEqualTo(1);
        api.awaitItems(slow, 2, "both slow items complete", is("complete", 0));
        await("the image lane drained").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> lane(api.get("/api/fleet"), "image"),
                        lane -> lane.path("inFlight").asInt() == 0 && lane.path("lag").asLong() == 0);
        // The two completions (and any of the other tests) are in the last five minutes' rate: at least 2/5 a minute.
        JsonNode after = lane(api.get("/api/fleet"), "image");
        assertThat(after.path("completedPerMinute").asDouble()).isGreaterThanOrEqualTo(0.4);
        assertThat(after.path("failedPermanentPerMinute").isNumber()).isTrue();
    }

    @Test
    void consoleInfoCarriesTheConfiguredGrafanaLinkBehindTheReadKey() {
        assertThat(api.get("/api/console").path("grafanaUrl").asString()).isEqualTo("https://grafana.example/d/genfleet");
        assertThat(new FleetApi(fleet.baseUrl(), "wrong-key").send("/api/console").status()).isEqualTo(401);
    }

    @Test
    void permanentFailuresCountInTheirLanesRate() {
        String failing = submit("rate-failing", "{\"prompt\": \"a\", \"simulate\": {\"failTimes\": 4}}");
        api.awaitItems(failing, 1, "the failing item failed_permanent", is("failed_permanent", 0));

        assertThat(lane(api.get("/api/fleet"), "image").path("failedPermanentPerMinute").asDouble())
                .isGreaterThanOrEqualTo(0.2);
    }

    private static JsonNode lane(JsonNode fleetView, String name) {
        return fleetView.path("lanes").valueStream().filter(lane -> lane.path("lane").asString().equals(name))
                .findFirst().orElseThrow();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("batches").forEach(batch -> ids.add(batch.path("batchId").asString()));
        return ids;
    }

    private static String submit(String name, String... scenes) {
        String batch = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        var response = api.post("/api/batches", "{\"batchId\": \"" + batch + "\", \"scenes\": ["
                + String.join(", ", scenes) + "]}");
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return batch;
    }
}
