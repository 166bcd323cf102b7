package io.genfleet.standalone;

import static io.genfleet.standalone.FleetApi.is;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.genfleet.common.item.Lane;
import io.genfleet.common.json.Json;
import io.genfleet.common.kafka.CommittedReads;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.standalone.cli.GenfleetCommand;
import io.genfleet.standalone.fleet.FleetOptions;
import io.genfleet.standalone.fleet.RunningFleet;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Retry-failed and dead-letter replay end to end: the all-in-one fleet (its own embedded broker, the worker's real
 * retry chain and dead-letter topics, the aggregator), driven through the HTTP API and the CLI as users do.
 *
 * <p>The retry delays are shortened to 300/600/900 ms (a setting) so that an epoch of four failing attempts takes
 * about 2 s instead of 14 s; the chain and its topics are otherwise the production ones.
 */
class RetryAndReplayIT {

    private static final Map<String, String> SETTINGS = Map.of(
            "genfleet.worker.provider.latency-min", "5ms",
            "genfleet.worker.provider.latency-max", "20ms",
            "genfleet.worker.provider.failure-rate", "0",
            "genfleet.topics.retry-delays", "300ms,600ms,900ms");
    private static final TopicCatalog TOPICS = new TopicCatalog("genfleet.",
            List.of(Duration.ofMillis(300), Duration.ofMillis(600), Duration.ofMillis(900)));

    private static RunningFleet fleet;
    private static FleetApi api;

    @BeforeAll
    static void startFleet() throws IOException {
        fleet = RunningFleet.start(new FleetOptions(0, Files.createTempDirectory("genfleet-retry-it-"), true, SETTINGS));
        api = new FleetApi(fleet.baseUrl(), fleet.apiKey().value());
    }

    @AfterAll
    static void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void retryFailedRequeuesEachFailedItemOnceAndTheyFailAgainAfterAFullEpoch() {
        String batch = submit("always", failing(3, 100, "transient"));
        api.awaitItems(batch, 3, "3 items failed_permanent in epoch 0", is("failed_permanent", 0));

        long started = System.nanoTime();
        JsonNode first = api.retryFailed(batch);
        long firstMillis = (System.nanoTime() - started) / 1_000_000;
        // Right after: the aggregator may still show failed_permanent, but epoch 1 is claimed already.
        started = System.nanoTime();
        JsonNode second = api.retryFailed(batch);
        long secondMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("retry-failed of 3 items: first call %d ms (requeued %d), second call %d ms (requeued %d)%n",
                firstMillis, first.path("requeued").asInt(), secondMillis, second.path("requeued").asInt());

        assertThat(first.path("requeued").asInt()).isEqualTo(3);
        assertThat(strings(first.path("items"))).containsExactly("scene_0", "scene_1", "scene_2");
        assertThat(second.path("requeued").asInt()).as("a second call right after").isZero();
        assertThat(second.path("items")).isEmpty();
        List<JsonNode> items = api.awaitItems(batch, 3, "3 items failed_permanent again in epoch 1",
                is("failed_permanent", 1));
        assertThat(items).allSatisfy(item -> assertThat(item.path("attempt").asInt()).isEqualTo(4));
        // The summary is derived from the items (a subtract and an add per change): it may trail them briefly.
        JsonNode summary = await("the summary to count 3 failed_permanent").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).until(() -> api.get("/api/batches/" + batch),
                        s -> s != null && s.path("counts").path("failed_permanent").asInt() == 3);
        // Expected: 3 automatic retries per item and epoch, 2 epochs, 3 items.
        assertThat(summary.path("retries").asInt()).isEqualTo(18);
        assertThat(summary.path("total").asInt()).isEqualTo(3);
        assertThat(summary.path("counts").path("failed_permanent").asInt()).isEqualTo(3);
        assertThat(summary.path("counts").path("pending").asInt()
                + summary.path("counts").path("generating").asInt()
                + summary.path("counts").path("failed").asInt()
                + summary.path("counts").path("complete").asInt()).isZero();
        assertThat(summary.path("done").asBoolean()).isTrue();
        // Exactly one request per item in epoch 1 (no double requeue), carrying the 4 attempts of epoch 0.
        List<GenerationRequest> epochOne = requests(batch).stream().filter(r -> r.epoch() == 1).toList();
        assertThat(epochOne).hasSize(3).allSatisfy(r -> assertThat(r.priorAttempts()).isEqualTo(4));
        JsonNode detail = api.get("/api/batches/" + batch + "/items/scene_0");
        assertThat(detail.path("history").valueStream().anyMatch(h -> "pending".equals(h.path("status").asString())
                && h.path("epoch").asInt() == 1 && h.path("attempt").asInt() == 1)).isTrue();
        assertThat(api.text("/actuator/prometheus")).contains("genfleet_items_requeued_total{source=\"retry_failed\"}");
    }

    @Test
    void twoConcurrentRetryFailedCallsRequeueEachItemOnce() throws Exception {
        String batch = submit("race", failing(3, 100, "timeout"));
        api.awaitItems(batch, 3, "3 items failed_permanent in epoch 0", is("failed_permanent", 0));
        CountDownLatch go = new CountDownLatch(1);

        List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return api.retryFailed(batch);
            }));
        }
        go.countDown();
        List<String> requeued = new ArrayList<>();
        List<Integer> split = new ArrayList<>();
        int total = 0;
        for (CompletableFuture<JsonNode> call : calls) {
            JsonNode result = call.get();
            total += result.path("requeued").asInt();
            split.add(result.path("requeued").asInt());
            requeued.addAll(strings(result.path("items")));
        }
        System.out.printf("concurrent retry-failed: the two calls requeued %s items%n", split);

        assertThat(total).isEqualTo(3);
        assertThat(requeued).containsExactlyInAnyOrder("scene_0", "scene_1", "scene_2");
        // What at-least-once would cost, counted: requests and pending events of epoch 1 on the topics.
        assertThat(requests(batch).stream().filter(r -> r.epoch() == 1)).hasSize(3);
        assertThat(statusEvents(batch).stream().filter(e -> e.status() == ItemStatus.PENDING && e.epoch() == 1))
                .hasSize(3);
        api.awaitItems(batch, 3, "3 items failed_permanent again in epoch 1", is("failed_permanent", 1));
    }

    @Test
    void anItemThatFailsFourTimesCompletesAtEpochOneAttemptOneAfterRetryFailed() {
        String batch = submit("four", failing(1, 4, "rate_limited"));
        List<JsonNode> failed = api.awaitItems(batch, 1, "the item failed_permanent in epoch 0",
                is("failed_permanent", 0));
        assertThat(failed.get(0).path("attempt").asInt()).isEqualTo(4);

        Cli refused = Cli.run("retry-failed", batch, "--url", api.baseUrl().toString(), "--api-key",
                "not-the-key-0123456789");
        assertThat(refused.code()).as("exit code 5: credentials refused; %s", refused).isEqualTo(5);
        assertThat(refused.err()).contains("HTTP 401", "--api-key").doesNotContain("not-the-key-0123456789");

        Cli cli = Cli.run("retry-failed", batch, "--url", api.baseUrl().toString(), "--api-key", api.apiKey());

        assertThat(cli.code()).as(cli.toString()).isZero();
        assertThat(cli.out()).contains("requeued 1 item of batch " + batch + ": scene_0");
        // The attempt counter restarts per epoch; failTimes counts across epochs (4 failed, the 5th succeeds).
        JsonNode item = api.awaitItems(batch, 1, "the item complete in epoch 1", is("complete", 1)).get(0);
        assertThat(item.path("attempt").asInt()).isEqualTo(1);
        assertThat(item.path("resultUri").asString()).isEqualTo("sim://" + batch + "/scene_0/1-1.png");
    }

    @Test
    void dltReplayDryRunChangesNothingThenReplaysOnlyTheMatchingRecordsOnce() {
        String batch = submit("dlt", """
                {"batchId": "%s", "scenes": [
                  {"prompt": "a", "simulate": {"failTimes": 4, "error": "transient"}},
                  {"prompt": "b", "simulate": {"failTimes": 4, "error": "transient"}},
                  {"prompt": "c", "simulate": {"failTimes": 1, "error": "permanent"}}]}""");
        String other = submit("dlt-other", failing(1, 4, "transient"));
        api.awaitItems(batch, 3, "3 items failed_permanent in epoch 0", is("failed_permanent", 0));
        api.awaitItems(other, 1, "the other batch failed_permanent", is("failed_permanent", 0));
        String kafka = fleet.bootstrapServers();

        Cli list = Cli.run("dlt", "list", "--bootstrap-servers", kafka, "--batch", batch);
        Map<TopicPartition, Long> before = endOffsets(TOPICS.replayClaims(), TOPICS.requests(Lane.IMAGE).name());
        Cli dryRun = Cli.run("dlt", "replay", "--bootstrap-servers", kafka, "--batch", batch, "--error-type", "transient",
                "--dry-run");
        Map<TopicPartition, Long> afterDryRun = endOffsets(TOPICS.replayClaims(), TOPICS.requests(Lane.IMAGE).name());
        List<JsonNode> untouched = api.items(batch);
        long started = System.nanoTime();
        Cli replay = Cli.run("dlt", "replay", "--bootstrap-servers", kafka, "--batch", batch, "--error-type",
                "transient", "--rate", "5");
        System.out.printf("dlt replay of 2 dead letters took %d ms%n", (System.nanoTime() - started) / 1_000_000);
        Cli again = Cli.run("dlt", "replay", "--bootstrap-servers", kafka, "--batch", batch, "--error-type",
                "transient");
        System.out.printf("dlt list:%n%s%ndlt replay --dry-run:%n%s%ndlt replay:%n%s%nsecond dlt replay:%n%s%n",
                list.out(), dryRun.out(), replay.out(), again.out());

        assertThat(list.code()).as(list.toString()).isZero();
        assertThat(list.out()).contains("BATCH", "ITEM", "EPOCH", "ATTEMPTS", "ERROR", "TIME", "MESSAGE")
                .contains("3 dead letters: transient 2, permanent 1");
        assertThat(list.lines().stream().filter(line -> line.startsWith(batch + " "))).hasSize(3);
        assertThat(dryRun.code()).as(dryRun.toString()).isZero();
        assertThat(dryRun.lines().stream().filter(line -> line.startsWith("would replay"))).hasSize(2);
        assertThat(dryRun.out()).contains("dry run: would replay 2 dead letters; nothing was written");
        assertThat(afterDryRun).as("the dry run wrote no claim and no request").isEqualTo(before);
        assertThat(untouched).allSatisfy(item -> assertThat(is("failed_permanent", 0)).accepts(item));
        assertThat(replay.code()).as(replay.toString()).isZero();
        assertThat(replay.lines().stream().filter(line -> line.startsWith("replayed     ")))
                .hasSize(2).allSatisfy(line -> assertThat(line).containsAnyOf("/scene_0 ", "/scene_1 "));
        assertThat(replay.out()).contains("replayed 2 dead letters");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).contains("replayed 0 dead letters").doesNotContain("replayed     ");
        List<JsonNode> items = api.awaitItems(batch, 3, "the transient ones complete in epoch 1", item ->
                "scene_2".equals(item.path("itemKey").asString()) ? is("failed_permanent", 0).test(item)
                        : is("complete", 1).test(item) && item.path("attempt").asInt() == 1);
        assertThat(items).hasSize(3);
        assertThat(api.items(other)).singleElement().satisfies(item ->
                assertThat(is("failed_permanent", 0)).as("another batch is not replayed").accepts(item));
        assertThat(requests(batch).stream().filter(r -> r.epoch() == 1).map(GenerationRequest::itemKey))
                .containsExactlyInAnyOrder("scene_0", "scene_1");

        // Before the replay every dead letter's item was failed_permanent at its epoch; after it, the list marks
        // the two replayed ones with their item's status now, and leaves the third as it was.
        assertThat(list.lines().stream().filter(line -> line.startsWith(batch + " ")))
                .allSatisfy(line -> assertThat(line).contains("failed_permanent (epoch 0)").doesNotContain("requeued"));
        Cli listAfter = Cli.run("dlt", "list", "--bootstrap-servers", kafka, "--batch", batch);
        System.out.printf("dlt list after the replay:%n%s%n", listAfter.out());
        assertThat(listAfter.code()).as(listAfter.toString()).isZero();
        assertThat(listAfter.lines().stream().filter(line -> line.startsWith(batch + " ")))
                .filteredOn(line -> line.contains("requeued -> complete (epoch 1)")).hasSize(2)
                .allSatisfy(line -> assertThat(line).containsAnyOf(" scene_0 ", " scene_1 "));
        assertThat(listAfter.lines().stream().filter(line -> line.matches(java.util.regex.Pattern.quote(batch) + " +scene_2 .*")))
                .singleElement().asString().contains("failed_permanent (epoch 0)");
        assertThat(listAfter.out()).contains("3 dead letters: transient 2, permanent 1; 2 requeued since");
    }

    @Test
    void dltListAndReplayGoThroughTheHttpApiWithoutABrokerAddress() {
        String batch = submit("dlt-url", failing(1, 4, "rate_limited"));
        api.awaitItems(batch, 1, "the item failed_permanent in epoch 0", is("failed_permanent", 0));
        String url = api.baseUrl().toString();
        String key = api.apiKey();

        Cli list = Cli.run("dlt", "list", "--url", url, "--api-key", key, "--batch", batch);
        Cli none = Cli.run("dlt", "list", "--url", url, "--api-key", key, "--batch", batch, "--since",
                "2999-01-01T00:00:00Z");
        Map<TopicPartition, Long> before = endOffsets(TOPICS.replayClaims(), TOPICS.requests(Lane.IMAGE).name());
        Cli dryRun = Cli.run("dlt", "replay", "--url", url, "--api-key", key, "--batch", batch, "--dry-run");
        Map<TopicPartition, Long> afterDryRun = endOffsets(TOPICS.replayClaims(), TOPICS.requests(Lane.IMAGE).name());
        Cli replay = Cli.run("dlt", "replay", "--url", url, "--api-key", key, "--batch", batch, "--rate", "5");
        Cli again = Cli.run("dlt", "replay", "--url", url, "--api-key", key, "--batch", batch);
        System.out.printf("dlt list --url:%n%s%ndlt replay --url --dry-run:%n%s%ndlt replay --url:%n%s%nagain:%n%s%n",
                list.out(), dryRun.out(), replay.out(), again.out());

        assertThat(list.code()).as(list.toString()).isZero();
        assertThat(list.lines().stream().filter(line -> line.startsWith(batch + " "))).singleElement().asString()
                .contains(" scene_0 ", " rate_limited ", "failed_permanent (epoch 0)").doesNotContain("requeued");
        assertThat(list.out()).contains("1 dead letter: rate_limited 1").doesNotContain("NOW is unknown");
        assertThat(none.out()).as("--since is applied to what the API lists").contains("0 dead letters")
                .doesNotContain(batch);
        assertThat(dryRun.code()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out()).contains("would replay " + batch + "/scene_0 epoch 0 ",
                "dry run: would replay 1 dead letter; nothing was written");
        assertThat(afterDryRun).as("the dry run wrote no claim and no request").isEqualTo(before);
        assertThat(replay.code()).as(replay.toString()).isZero();
        assertThat(replay.out()).contains("replayed     " + batch + "/scene_0 epoch 0 ", "-> epoch 1",
                "replayed 1 dead letter through the API; skipped 0");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).contains("skipped      " + batch + "/scene_0", "replayed 0 dead letters")
                .doesNotContain("replayed     ");
        JsonNode item = api.awaitItems(batch, 1, "the item complete in epoch 1", is("complete", 1)).get(0);
        assertThat(item.path("attempt").asInt()).isEqualTo(1);
        assertThat(requests(batch).stream().filter(r -> r.epoch() == 1)).hasSize(1);
        Cli listAfter = Cli.run("dlt", "list", "--url", url, "--api-key", key, "--batch", batch);
        assertThat(listAfter.out()).contains("requeued -> complete (epoch 1)", "1 requeued since");

        // The errors: one line on stderr each, with the README's exit codes.
        Cli neither = Cli.run("dlt", "list", "--batch", batch);
        Cli both = Cli.run("dlt", "replay", "--url", url, "--bootstrap-servers", fleet.bootstrapServers());
        Cli kafkaOption = Cli.run("dlt", "list", "--url", url, "--api-key", key, "--prefix", "other.");
        Cli wrongKey = Cli.run("dlt", "list", "--url", url, "--api-key", "not-the-key-0123456789");
        Cli unreachable = Cli.run("dlt", "replay", "--url", "http://127.0.0.1:" + closedPort(), "--api-key", key,
                "--timeout", "5s");
        // The environment may choose for the CLI (test-support reads KAFKA_BOOTSTRAP_SERVERS for an external broker).
        boolean environmentChooses = System.getenv("GENFLEET_URL") != null || System.getenv("KAFKA_BOOTSTRAP_SERVERS") != null;
        if (!environmentChooses) {
            assertThat(neither.code()).as(neither.toString()).isEqualTo(2);
            assertThat(neither.err()).contains("--url", "--bootstrap-servers");
        }
        assertThat(both.code()).as(both.toString()).isEqualTo(2);
        assertThat(both.err()).contains("not both");
        assertThat(kafkaOption.code()).as(kafkaOption.toString()).isEqualTo(2);
        assertThat(kafkaOption.err()).contains("--prefix is for Kafka");
        assertThat(wrongKey.code()).as(wrongKey.toString()).isEqualTo(5);
        assertThat(wrongKey.err()).contains("HTTP 401", "--api-key").doesNotContain("not-the-key-0123456789");
        assertThat(unreachable.code()).as(unreachable.toString()).isEqualTo(4);
        assertThat(unreachable.err()).contains("did not answer");
        assertThat(environmentChooses ? List.of(both, kafkaOption, wrongKey, unreachable)
                : List.of(neither, both, kafkaOption, wrongKey, unreachable))
                .allSatisfy(cli -> assertThat(cli.err().lines()).as(cli.toString()).hasSize(1));
    }

    private static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A storyboard of {@code scenes} scene images that each fail {@code failTimes} times with {@code error}. */
    private static String failing(int scenes, int failTimes, String error) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < scenes; i++) {
            list.add("{\"prompt\": \"scene " + i + "\", \"simulate\": {\"failTimes\": " + failTimes + ", \"error\": \""
                    + error + "\"}}");
        }
        return "{\"batchId\": \"%s\", \"scenes\": [" + String.join(", ", list) + "]}";
    }

    private static String submit(String name, String storyboardTemplate) {
        String batch = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        var response = api.post("/api/batches", storyboardTemplate.formatted(batch));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return batch;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asString()));
        return values;
    }

    private static List<GenerationRequest> requests(String batch) {
        return committed(TOPICS.requests(Lane.IMAGE).name(), batch).stream()
                .map(r -> Json.mapper().readValue(r.value(), GenerationRequest.class)).toList();
    }

    private static List<StatusEvent> statusEvents(String batch) {
        return committed(TOPICS.status().name(), batch).stream()
                .map(r -> Json.mapper().readValue(r.value(), StatusEvent.class)).toList();
    }

    private static List<ConsumerRecord<String, byte[]>> committed(String topic, String batch) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = CommittedReads.consumer(config())) {
            List<TopicPartition> partitions = CommittedReads.partitions(consumer, topic, Duration.ofSeconds(30));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            CommittedReads.readToEnd(consumer, partitions, Duration.ofSeconds(30), record -> {
                if (record.key() != null && record.key().startsWith(batch + "/")) {
                    records.add(record);
                }
            });
        }
        return records;
    }

    private static Map<TopicPartition, Long> endOffsets(String... topics) {
        try (KafkaConsumer<String, byte[]> consumer = CommittedReads.consumer(config())) {
            Set<TopicPartition> partitions = new HashSet<>();
            for (String topic : topics) {
                partitions.addAll(CommittedReads.partitions(consumer, topic, Duration.ofSeconds(30)));
            }
            return consumer.endOffsets(partitions, Duration.ofSeconds(30));
        }
    }

    private static Map<String, Object> config() {
        return CommittedReads.consumerConfig(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, fleet.bootstrapServers()),
                "retry-it");
    }

    /** The CLI run in this JVM, as {@code java -jar genfleet.jar ...} would run it. */
    private record Cli(int code, String out, String err) {

        static Cli run(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = GenfleetCommand.commandLine().setOut(new PrintWriter(out, true))
                    .setErr(new PrintWriter(err, true)).execute(args);
            return new Cli(code, out.toString(), err.toString());
        }

        List<String> lines() {
            return out.lines().toList();
        }
    }
}
