package io.genfleet.worker.inflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.retrytopic.RetryTopicHeaders;

/** The loop's bookkeeping against Kafka's MockConsumer (no broker): limits, pauses, due times, commits. */
class TopicLoopTest {

    private static final String TOPIC = "t";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final Map<Long, CompletableFuture<Void>> started = new ConcurrentHashMap<>();
    private final Map<Long, Long> startedAtMillis = new ConcurrentHashMap<>();
    private TopicLoop loop;
    private Thread thread;

    private void run(boolean delayed, InFlightLimiter limiter, RecordHandler handler, List<ConsumerRecord<byte[], byte[]>> records) {
        run(delayed, limiter, handler, records, Map.of());
    }

    /** With {@code previousCommit}: what an earlier owner committed (MockConsumer forgets commits made before subscribe). */
    private void run(boolean delayed, InFlightLimiter limiter, RecordHandler handler, List<ConsumerRecord<byte[], byte[]>> records,
                     Map<TopicPartition, OffsetAndMetadata> previousCommit) {
        consumer.schedulePollTask(() -> {
            if (!previousCommit.isEmpty()) {
                consumer.commitSync(previousCommit);
            }
            consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
            consumer.rebalance(List.of(PARTITION));
            records.forEach(consumer::addRecord);
        });
        loop = new TopicLoop(TOPIC, "g", consumer, delayed, handler, limiter, Duration.ofMillis(200),
                Duration.ofSeconds(5));
        thread = new Thread(loop, "test-loop");
        thread.start();
    }

    private CompletableFuture<?> holdOpen(ConsumerRecord<byte[], byte[]> record, Runnable callEnded) {
        startedAtMillis.put(record.offset(), System.currentTimeMillis());
        return started.computeIfAbsent(record.offset(), offset -> new CompletableFuture<>());
    }

    @AfterEach
    void stop() throws InterruptedException {
        started.values().forEach(future -> future.complete(null));
        if (loop != null) {
            loop.stop();
            thread.join(10_000);
        }
    }

    @Test
    void startsUpToTheLimitPausesTheRestAndCommitsOnlyContiguousOffsets() {
        InFlightLimiter limiter = new InFlightLimiter(4);
        run(false, limiter, this::holdOpen, records(10, null));

        await().alias("four records started").atMost(Duration.ofSeconds(5)).until(() -> started.size() == 4);
        assertThat(started.keySet()).containsExactlyInAnyOrder(0L, 1L, 2L, 3L);
        await().alias("the partition is paused while records wait for a permit").atMost(Duration.ofSeconds(5))
                .until(() -> consumer.paused().contains(PARTITION));

        started.get(1L).complete(null);
        started.get(3L).complete(null);
        await().alias("two more started with the freed permits").atMost(Duration.ofSeconds(5))
                .until(() -> started.size() == 6);
        // Expected: offsets 1 and 3 are done but 0 is not: the committed position stays at 0 (read 0 again).
        await().alias("the committed position stays at the first record not done")
                .during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> committed() <= 0);

        started.get(0L).complete(null);
        await().alias("committed up to the first record not done (2)").atMost(Duration.ofSeconds(5))
                .until(() -> committed() == 2);
        assertThat(limiter.inFlight()).isLessThanOrEqualTo(4);
    }

    @Test
    void anAnsweredCallFreesItsSlotAtOnceButUnsettledOutcomesStopNewCalls() {
        // Limit 2: two calls at once, and at most 2 × 2 records whose outcome is not durable yet.
        InFlightLimiter limiter = new InFlightLimiter(2);
        RecordHandler answersAtOnce = (record, callEnded) -> {
            callEnded.run(); // the provider answered; its events are never acknowledged in this test
            return holdOpen(record, callEnded);
        };
        run(false, limiter, answersAtOnce, records(10, null));

        await().alias("four started: each answered call freed its slot").atMost(Duration.ofSeconds(5))
                .until(() -> started.size() == 4);
        await().alias("no fifth while four outcomes are not durable (a broker that does not acknowledge)")
                .during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> started.size() == 4);
        assertThat(limiter.inFlight()).as("calls in flight").isZero();
        assertThat(limiter.unsettled()).isEqualTo(4);

        started.get(0L).complete(null);
        await().alias("one durable outcome lets one more start").atMost(Duration.ofSeconds(5))
                .until(() -> started.size() == 5);
        await().alias("and only its offset is committed").atMost(Duration.ofSeconds(5)).until(() -> committed() == 1);
    }

    @Test
    void aHandlerThatNeverSaysItsCallEndedHoldsItsSlotUntilItIsDone() {
        InFlightLimiter limiter = new InFlightLimiter(2);
        run(false, limiter, this::holdOpen, records(10, null));

        await().alias("two started").atMost(Duration.ofSeconds(5)).until(() -> started.size() == 2);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> started.size() == 2);
        assertThat(limiter.inFlight()).isEqualTo(2);

        started.get(1L).complete(null);
        await().alias("its slot came back when it was done").atMost(Duration.ofSeconds(5))
                .until(() -> started.size() == 3);
        assertThat(limiter.inFlight()).isEqualTo(2);
        assertThat(limiter.unsettled()).isEqualTo(2);
    }

    @Test
    void theRecordsDoneAboveTheCommittedOffsetAreNamedInTheCommitMetadata() {
        run(false, new InFlightLimiter(10), this::holdOpen, records(10, null));
        await().alias("all ten started").atMost(Duration.ofSeconds(5)).until(() -> started.size() == 10);

        List.of(2L, 5L, 7L).forEach(offset -> started.get(offset).complete(null));

        // Expected: still at 0 (record 0 runs), with 2, 5 and 7 in the metadata for whoever owns the partition next.
        await().alias("the commit names 2, 5 and 7 as done").atMost(Duration.ofSeconds(5))
                .until(() -> committedMetadata().equals(CompletedOffsets.encode(0, List.of(2L, 5L, 7L))));
        assertThat(committed()).isZero();
    }

    @Test
    void aNewOwnerSkipsWhatThePreviousOwnerFinishedAboveItsCommit() {
        // What a killed owner left: position 0, records 2, 5 and 7 already done (their events were acknowledged).
        run(false, new InFlightLimiter(10), this::holdOpen, records(10, null),
                Map.of(PARTITION, new OffsetAndMetadata(0, CompletedOffsets.encode(0, List.of(2L, 5L, 7L)))));

        await().alias("the seven records not done before started").atMost(Duration.ofSeconds(5))
                .until(() -> started.size() == 7);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> started.size() == 7);
        assertThat(started.keySet()).containsExactlyInAnyOrder(0L, 1L, 3L, 4L, 6L, 8L, 9L);
        assertThat(loop.skippedAsDone()).isEqualTo(3);

        started.values().forEach(future -> future.complete(null));
        await().alias("committed past all ten").atMost(Duration.ofSeconds(5)).until(() -> committed() == 10);
    }

    @Test
    void aDelayedRecordNeverStartsBeforeItsDueTime() {
        long due = System.currentTimeMillis() + 400;
        run(true, new InFlightLimiter(10), this::holdOpen, records(3, due));

        await().alias("the due records started").atMost(Duration.ofSeconds(5)).until(() -> started.size() == 3);
        assertThat(startedAtMillis.values()).allSatisfy(at -> assertThat(at).isGreaterThanOrEqualTo(due));
    }

    @Test
    void aRecordDueMuchLaterDoesNotHoldBackTheRecordsBehindIt() {
        long now = System.currentTimeMillis();
        // Offset 0 carries a provider's long Retry-After (due in 30 s); offsets 1-3 are due in 200 ms.
        List<ConsumerRecord<byte[], byte[]>> records = new java.util.ArrayList<>(records(1, now + 30_000));
        records.addAll(records(4, now + 200).subList(1, 4).stream().map(r -> new ConsumerRecord<>(TOPIC, 0, r.offset(),
                0L, TimestampType.CREATE_TIME, 0, 0, r.key(), r.value(), r.headers(), java.util.Optional.<Integer>empty()))
                .toList());
        run(true, new InFlightLimiter(10), this::holdOpen, records);

        await().alias("the records behind the late one started at their own due time").atMost(Duration.ofSeconds(5))
                .until(() -> started.keySet().containsAll(List.of(1L, 2L, 3L)));
        assertThat(started).as("the late record has not started").doesNotContainKey(0L);
        started.get(1L).complete(null);
        started.get(2L).complete(null);
        started.get(3L).complete(null);
        // Expected: 1-3 are done, 0 is not: the committed position stays at 0, so a crash repeats nothing lost.
        await().alias("the committed position stays at the late record").during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(2)).until(() -> committed() <= 0);
    }

    @Test
    void nothingStartsWhileTheGateIsClosedAndEverythingOnceItOpens() {
        java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean(false);
        StartGate gate = new StartGate() {
            @Override
            public boolean tryStart() {
                return open.get();
            }

            @Override
            public void release() {
            }
        };
        InFlightLimiter limiter = new InFlightLimiter(10);
        consumer.schedulePollTask(() -> {
            consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
            consumer.rebalance(List.of(PARTITION));
            records(3, null).forEach(consumer::addRecord);
        });
        loop = new TopicLoop(TOPIC, "g", consumer, false, this::holdOpen, limiter, gate, Duration.ofMillis(200),
                Duration.ofSeconds(5));
        thread = new Thread(loop, "test-loop");
        thread.start();

        // Expected: the records wait with their partition paused, no permit held, nothing started.
        await().alias("paused while the gate is closed").atMost(Duration.ofSeconds(5))
                .until(() -> consumer.paused().contains(PARTITION));
        await().alias("nothing starts").during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2))
                .until(() -> started.isEmpty() && limiter.inFlight() == 0);

        open.set(true);
        await().alias("all start once it opens").atMost(Duration.ofSeconds(5)).until(() -> started.size() == 3);
    }

    @Test
    void aRecordWhoseHandlingFailedIsStartedAgainAndCommittedOnlyThen() {
        AtomicInteger calls = new AtomicInteger();
        RecordHandler failingOnce = (record, callEnded) -> calls.incrementAndGet() == 1
                ? CompletableFuture.failedFuture(new IllegalStateException("broker unavailable"))
                : CompletableFuture.completedFuture(null);
        run(false, new InFlightLimiter(10), failingOnce, records(1, null));

        await().alias("handled a second time").atMost(Duration.ofSeconds(10)).until(() -> calls.get() == 2);
        assertThat(loop.redos()).isEqualTo(1);
        await().alias("committed after the successful second handling").atMost(Duration.ofSeconds(5))
                .until(() -> committed() == 1);
    }

    @Test
    void stoppingWaitsForRecordsInFlightAndCommitsThem() throws InterruptedException {
        run(false, new InFlightLimiter(10), this::holdOpen, records(2, null));
        await().atMost(Duration.ofSeconds(5)).until(() -> started.size() == 2);

        loop.stop();
        CompletableFuture.delayedExecutor(300, java.util.concurrent.TimeUnit.MILLISECONDS)
                .execute(() -> started.values().forEach(future -> future.complete(null)));
        thread.join(10_000);

        assertThat(thread.isAlive()).isFalse();
        assertThat(consumer.closed()).isTrue();
        loop = null;
    }

    private long committed() {
        if (consumer.closed()) {
            return -2;
        }
        OffsetAndMetadata offset = consumer.committed(Set.of(PARTITION)).get(PARTITION);
        return offset == null ? -1 : offset.offset();
    }

    private String committedMetadata() {
        if (consumer.closed()) {
            return "closed";
        }
        OffsetAndMetadata offset = consumer.committed(Set.of(PARTITION)).get(PARTITION);
        return offset == null ? "" : offset.metadata();
    }

    private static List<ConsumerRecord<byte[], byte[]>> records(int count, Long dueMillis) {
        return java.util.stream.LongStream.range(0, count).mapToObj(offset -> {
            RecordHeaders headers = new RecordHeaders();
            if (dueMillis != null) {
                headers.add(RetryTopicHeaders.DEFAULT_HEADER_BACKOFF_TIMESTAMP,
                        BigInteger.valueOf(dueMillis).toByteArray());
            }
            return new ConsumerRecord<>(TOPIC, 0, offset, 0L, TimestampType.CREATE_TIME, 0, 0, new byte[0],
                    new byte[0], headers, java.util.Optional.empty());
        }).toList();
    }
}
