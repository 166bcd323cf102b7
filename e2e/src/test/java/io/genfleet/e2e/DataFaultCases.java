package io.genfleet.e2e;

import static io.genfleet.e2e.Battery.since;
import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.Lane;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.status.HistoryEntry;
import io.genfleet.common.status.ItemState;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.status.StatusPartitioning;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.e2e.load.Ledger;
import io.genfleet.e2e.load.Poison;
import io.genfleet.e2e.load.Storyboards;
import io.genfleet.e2e.report.ResultRow;
import io.genfleet.e2e.rig.Fleet;
import io.genfleet.e2e.rig.ServiceNode;
import io.genfleet.e2e.rig.Signal;
import io.genfleet.e2e.verify.AggregatorApi;
import io.genfleet.e2e.verify.CallLog;
import io.genfleet.e2e.verify.DeadLetters;
import io.genfleet.e2e.verify.KafkaProbe;
import io.genfleet.e2e.verify.TopicTail;
import io.genfleet.e2e.verify.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The battery's Kafka-level faults, run by {@link FaultBatteryIT} on its fleet: records nobody can read, records
 * delivered twice, provider calls that never return.
 */
final class DataFaultCases {

    private static final TopicCatalog CATALOG = TopicCatalog.defaults();
    /** Offsets each lane partition is rewound by in the duplicates case. */
    private static final int REWIND = 5;

    private final Battery battery;

    DataFaultCases(Battery battery) {
        this.battery = battery;
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, battery.fleet.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "e2e-injector");
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    /** Case 6: poison records in both lanes and in the status topic, in the middle of a normal load. */
    void poisonRecords() throws Exception {
        String caseId = "6";
        List<String> deadLetterTopics = List.of(CATALOG.deadLetter(Lane.IMAGE), CATALOG.deadLetter(Lane.VIDEO),
                CATALOG.statusDeadLetter());
        Map<TopicPartition, Long> from = battery.fleet.probe().endOffsets(deadLetterTopics);
        ServiceNode aggregator = battery.fleet.aggregator();
        int aggregatorIncarnation = aggregator.process().incarnation();
        Map<String, Instant> sent = new LinkedHashMap<>();
        Map<String, DeadLetters.Found> found;
        Duration drain;
        int firstHalf = battery.settings.items() / Storyboards.ITEMS_PER_BATCH / 2 * Storyboards.ITEMS_PER_BATCH;
        try (StreamsStateWatch streams = new StreamsStateWatch(aggregator)) {
            Instant start = Instant.now();
            battery.submitter.load(caseId, firstHalf, Storyboards.standard());
            Set<String> wanted = new HashSet<>();
            List<Poison> poisons = List.of(Poison.values());
            for (Poison poison : poisons) {
                String batchId = batchIdOf(poison);
                wanted.add(DeadLetters.id(CATALOG.deadLetter(Lane.IMAGE), batchId + "/scene_0"));
                wanted.add(DeadLetters.id(CATALOG.deadLetter(Lane.VIDEO), batchId + "/video_scene_0"));
                wanted.add(DeadLetters.id(CATALOG.statusDeadLetter(), batchId + "/scene_0"));
            }
            CompletableFuture<Map<String, DeadLetters.Found>> search = CompletableFuture.supplyAsync(() ->
                    DeadLetters.find(battery.fleet.bootstrapServers(), from, wanted, Duration.ofMinutes(3)));
            // The poison goes in once the first half is nearly through, with the second half right behind it: its
            // time to the dead-letter topic is its own handling, not the wait behind a queue of valid items.
            battery.awaitProgress(caseId, 0.95);
            try (KafkaProducer<String, byte[]> producer = producer()) {
                for (Poison poison : poisons) {
                    String batchId = batchIdOf(poison);
                    inject(producer, sent, CATALOG.requests(Lane.IMAGE).name(), CATALOG.deadLetter(Lane.IMAGE),
                            batchId + "/scene_0", poison.request(batchId, "scene_0"));
                    inject(producer, sent, CATALOG.requests(Lane.VIDEO).name(), CATALOG.deadLetter(Lane.VIDEO),
                            batchId + "/video_scene_0", poison.request(batchId, "video_scene_0"));
                    inject(producer, sent, CATALOG.status().name(), CATALOG.statusDeadLetter(),
                            batchId + "/scene_0", poison.statusEvent(batchId, "scene_0"));
                }
                producer.flush();
            }
            battery.submitter.load(caseId, battery.settings.items() - firstHalf, Storyboards.standard());
            found = search.get(4, TimeUnit.MINUTES);
            battery.verifier.awaitDone(caseId, Battery.DRAIN_LIMIT);
            drain = since(start);
            // Nothing stuck: every worker group has worked through its topic, poison included.
            battery.fleet.probe().awaitWorkersCaughtUp(KafkaProbe.workerTopics(), Duration.ofMinutes(2));
            streams.close();

            Verdict verdict = battery.verifier.verify(caseId);
            int duplicates = CallLog.duplicateCount(battery.callsOf(caseId));
            List<Duration> delays = found.entrySet().stream()
                    .map(entry -> Duration.between(sent.get(entry.getKey()), entry.getValue().seenAt())).toList();
            Duration slowest = delays.stream().max(Duration::compareTo).orElse(null);
            battery.row(caseId, sent.size() + " poison records (bad JSON, unknown schemaVersion, wrong types, "
                            + "over the size limit) into both lanes and the status topic", verdict,
                    Integer.toString(duplicates), "dead-lettered within " + ResultRow.seconds(slowest) + " (slowest)",
                    drain, found.size() + "/" + sent.size() + " dead-lettered with a reason; " + streams.summary());
            // Expected: every poison record in its dead-letter topic, each with the reason it was refused.
            assertThat(found.keySet()).as("poison records found in a dead-letter topic")
                    .containsExactlyInAnyOrderElementsOf(sent.keySet());
            assertThat(found.values()).as("dead letters without a reason")
                    .allSatisfy(letter -> assertThat(letter.reason()).hasValueSatisfying(
                            reason -> assertThat(reason).isNotBlank()));
            assertThat(found.values().stream().filter(letter -> !letter.topic().equals(CATALOG.statusDeadLetter())))
                    .as("lane dead letters classified as invalid messages")
                    .allSatisfy(letter -> assertThat(letter.errorType()).contains(ErrorType.INVALID_MESSAGE.wireName()));
            // Expected: within seconds, never after the retry delays (2 s + 4 s + 8 s): an unreadable record is not retried.
            assertThat(slowest).as("slowest time to a dead-letter topic").isLessThan(Duration.ofSeconds(14));
            // Expected: valid items unaffected: nothing lost, nothing counted twice, no call repeated.
            assertThat(verdict.clean()).as(verdict.toString()).isTrue();
            assertThat(duplicates).as("repeated provider calls").isZero();
            // Expected: the Streams application stayed RUNNING in the same process.
            assertThat(streams.notRunning()).as("aggregator Streams states other than RUNNING").isEmpty();
            assertThat(aggregator.process().incarnation()).as("aggregator restarts").isEqualTo(aggregatorIncarnation);
        }
    }

    private static String batchIdOf(Poison poison) {
        return "e2e-poison-" + poison.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static void inject(KafkaProducer<String, byte[]> producer, Map<String, Instant> sent, String topic,
                               String deadLetterTopic, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
        sent.put(DeadLetters.id(deadLetterTopic, key), Instant.now());
    }

    /**
     * Case 7: every lane partition's committed offset moved back by {@value #REWIND}, so the workers generate those
     * items again; and status events published twice, plus an old one.
     */
    void duplicates() throws Exception {
        String caseId = "7";
        KafkaProbe probe = battery.fleet.probe();
        battery.submitter.load(caseId, battery.settings.items(), Storyboards.neverFailing());
        battery.verifier.awaitDone(caseId, Battery.DRAIN_LIMIT);
        probe.awaitAggregatorCaughtUp(Duration.ofMinutes(2));
        Map<String, AggregatorApi.Summary> before = summaries(caseId);

        // Only an empty group's offsets may be moved: both workers leave first (gracefully).
        List<ServiceNode> workers = List.of(battery.fleet.worker("worker-1"), battery.fleet.worker("worker-2"));
        workers.forEach(worker -> worker.process().signal(Signal.TERM));
        workers.forEach(worker -> worker.process().awaitExit(Fleet.WORKER_GRACE_PERIOD.plusSeconds(30)));
        Map<String, Map<TopicPartition, Long>> processedUpTo = new HashMap<>();
        Map<CallLog.CallKey, Integer> replayed = new HashMap<>();
        try (TopicTail tail = new TopicTail(battery.fleet.bootstrapServers())) {
            for (String topic : KafkaProbe.laneTopics()) {
                String group = KafkaProbe.groupOf(topic);
                Map<TopicPartition, Long> committed = TopicTail.ofTopics(probe.committed(group), List.of(topic));
                Map<TopicPartition, Long> rewound = new HashMap<>();
                committed.forEach((partition, offset) -> rewound.put(partition, Math.max(0, offset - REWIND)));
                probe.alterOffsets(group, rewound);
                processedUpTo.put(group, committed);
                committed.forEach((partition, offset) -> {
                    for (ConsumerRecord<byte[], byte[]> record : tail.read(partition, rewound.get(partition), offset)) {
                        GenerationRequest request = CATALOG.requests(CATALOG.laneOf(topic).orElseThrow())
                                .valueSerde().deserializer().deserialize(topic, record.value());
                        replayed.merge(new CallLog.CallKey(request.idempotencyKey(), 1), 1, Integer::sum);
                    }
                });
            }
        }
        Instant replaying = Instant.now();
        workers.forEach(worker -> worker.process().start());
        workers.forEach(worker -> worker.awaitReady(Duration.ofMinutes(3)));
        processedUpTo.forEach((group, offsets) -> probe.awaitCommitted(group, offsets, Duration.ofMinutes(2)));
        Duration replay = since(replaying);

        // The same status event twice, for a few items, and an old pending event that must not move them back.
        List<String> items = new ArrayList<>(battery.ledger.itemIds(caseId)).subList(0, 5);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            int statusPartitions = producer.partitionsFor(CATALOG.status().name()).size();
            for (String id : items) {
                byte[] last = battery.view.lastRaw(id).orElseThrow();
                // On the batch's partition, as every writer of the status topic does.
                int partition = StatusPartitioning.partitionOfKey(id, statusPartitions);
                producer.send(new ProducerRecord<>(CATALOG.status().name(), partition, id, last));
                producer.send(new ProducerRecord<>(CATALOG.status().name(), partition, id, last));
                StatusEvent old = StatusEvent.pending(ItemId.parse(id), 0, Instant.now());
                producer.send(new ProducerRecord<>(CATALOG.status().name(), partition, id,
                        CATALOG.status().valueSerde().serializer().serialize(CATALOG.status().name(), old)));
            }
            producer.flush();
        }
        probe.awaitAggregatorCaughtUp(Duration.ofMinutes(2));
        Map<String, AggregatorApi.Summary> after = summaries(caseId);

        Verdict verdict = battery.verifier.verify(caseId);
        Map<CallLog.CallKey, Integer> duplicates = CallLog.duplicates(battery.callsOf(caseId));
        int replayedCount = replayed.values().stream().mapToInt(Integer::intValue).sum();
        int duplicateCount = duplicates.values().stream().mapToInt(Integer::intValue).sum();
        battery.row(caseId, "lane groups rewound by " + REWIND + " offsets per partition; " + items.size()
                        + " status events published twice, plus an old pending event each", verdict,
                duplicateCount + " (replayed records: " + replayedCount + ")",
                ResultRow.seconds(replay) + " to replay (2 worker restarts)", null,
                "summaries before = after: " + before.equals(after));
        // Expected: counts, totals and retries of every batch exactly as before the replay and the duplicates.
        assertThat(after).as("batch summaries after replays and duplicate events").isEqualTo(before);
        assertThat(verdict.clean()).as(verdict.toString()).isTrue();
        // Expected: the replay cost exactly one repeated call per replayed record (these items never fail).
        assertThat(replayed.keySet()).as("replayed records belong to this case's batches")
                .allMatch(key -> battery.ledger.batchIds(caseId).contains(key.idempotencyKey().split("/")[0]));
        assertThat(duplicates).as("repeated provider calls = replayed records").isEqualTo(replayed);
    }

    private Map<String, AggregatorApi.Summary> summaries(String caseId) {
        Map<String, AggregatorApi.Summary> summaries = new TreeMap<>();
        for (Ledger.Accepted batch : battery.ledger.batches(caseId)) {
            summaries.put(batch.batchId(), battery.api.summary(batch.batchId()).orElseThrow(() ->
                    new IllegalStateException("no summary for " + batch.batchId())));
        }
        return summaries;
    }

    /** Case 8: provider calls that never return, among a normal load. */
    void hangingProvider() {
        String caseId = "8";
        KafkaProbe probe = battery.fleet.probe();
        Map<String, Set<String>> membersBefore = probe.workerMemberIds();
        Instant start = Instant.now();
        // 3 scenes of 1 shot and a video, every call taking 600 s: far beyond the 3 s time limit.
        Ledger.Accepted hung = battery.submitter.submit(caseId, Storyboards.withIndependentVideos(3, 1, Map.of("latencyMs", 600_000)))
                .orElseThrow();
        battery.submitter.load(caseId, battery.settings.items(), Storyboards.standard());
        battery.verifier.awaitDone(caseId, Battery.DRAIN_LIMIT);
        Duration drain = since(start);
        Map<String, Set<String>> membersAfter = probe.workerMemberIds();

        Verdict verdict = battery.verifier.verify(caseId);
        List<CallLog.Call> calls = battery.callsOf(caseId);
        Map<CallLog.CallKey, Integer> callsPerAttempt = new HashMap<>();
        calls.forEach(call -> callsPerAttempt.merge(call.key(), 1, Integer::sum));
        List<Duration> cuts = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (String id : hung.itemIds()) {
            ItemState state = battery.view.item(id).orElseThrow();
            if (state.status() != ItemStatus.FAILED_PERMANENT || state.lastError().type() != ErrorType.TIMEOUT) {
                wrong.add(id + " ended " + state.status() + " " + state.lastError());
            }
            for (int attempt = 1; attempt <= CATALOG.maxAttempts(); attempt++) {
                Instant began = at(state, attempt, ItemStatus.GENERATING);
                Instant ended = attempt < CATALOG.maxAttempts() ? at(state, attempt, ItemStatus.FAILED)
                        : at(state, attempt, ItemStatus.FAILED_PERMANENT);
                if (began == null || ended == null) {
                    wrong.add(id + " attempt " + attempt + " has no start or end in its history");
                } else {
                    cuts.add(Duration.between(began, ended));
                }
                Integer made = callsPerAttempt.get(new CallLog.CallKey(id + "/0", attempt));
                if (made == null || made != 1) {
                    wrong.add(id + " attempt " + attempt + ": " + made + " calls");
                }
            }
        }
        Duration shortest = cuts.stream().min(Duration::compareTo).orElse(null);
        Duration longest = cuts.stream().max(Duration::compareTo).orElse(null);
        battery.row(caseId, hung.itemKeys().size() + " items whose provider calls hang (600 s) among the load",
                verdict, Integer.toString(CallLog.duplicateCount(calls)),
                "calls cut after " + ResultRow.seconds(shortest) + "-" + ResultRow.seconds(longest) + " (time limit "
                        + Fleet.PROVIDER_TIMEOUT.toSeconds() + " s)", drain,
                CATALOG.maxAttempts() + " attempts each, then failed_permanent (timeout); consumer groups unchanged: "
                        + membersAfter.equals(membersBefore));
        // Expected: every hung call cut at the time limit (plus the status round trip), never let run.
        assertThat(shortest).as("shortest hung attempt").isGreaterThanOrEqualTo(Fleet.PROVIDER_TIMEOUT);
        assertThat(longest).as("longest hung attempt").isLessThan(Fleet.PROVIDER_TIMEOUT.plusSeconds(5));
        // Expected: each hung item tried once per attempt (retried after each cut), then failed_permanent (timeout).
        assertThat(wrong).as("hung items that were not cut, retried and dead-lettered as timeouts").isEmpty();
        // Expected: no consumer evicted for a slow poll: the same members in every worker group.
        assertThat(membersAfter).as("worker group members after the hangs").isEqualTo(membersBefore);
        // Expected: the rest of the load unaffected.
        assertThat(verdict.clean()).as(verdict.toString()).isTrue();
    }

    private static Instant at(ItemState state, int attempt, ItemStatus status) {
        return state.history().stream()
                .filter(entry -> entry.epoch() == 0 && entry.attempt() == attempt && entry.status() == status)
                .map(HistoryEntry::at).findFirst().orElse(null);
    }
}
