package io.genfleet.worker.inflight;

import io.genfleet.common.topic.ChainHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer of one topic, on its own thread, that never blocks on the work it starts:
 * <ul>
 *   <li>it keeps polling (so a generation longer than {@code max.poll.interval.ms} never makes it leave the
 *       group) and starts fetched records while the shared {@link InFlightLimiter} has permits, and on a
 *       delay topic only once they are due;</li>
 *   <li>a partition with records waiting (no permit, or not due) is paused, which bounds what is fetched;</li>
 *   <li>records finish in any order; the committed offset of a partition only moves past a record once it
 *       and every record before it are done ({@link OffsetTracker}); the records already done above it are
 *       named in the commit's metadata, and a new owner of the partition skips them ({@link CompletedOffsets}),
 *       so after a crash only the records that were in flight run again;</li>
 *   <li>a record whose handling failed unexpectedly (its events could not be published) is started again
 *       after {@link #REDO_DELAY}, its offset still uncommitted;</li>
 *   <li>on revocation it waits up to {@code revokeGrace} for the partition's records in flight, commits what
 *       is done and lets the rest finish unowned (the new owner repeats them: at least once); on shutdown it
 *       starts nothing new and waits up to {@code shutdownTimeout} for everything in flight.</li>
 * </ul>
 */
public final class TopicLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(TopicLoop.class);

    /** The longest poll: how soon a completion is committed or a stop noticed when nothing else happens. */
    static final Duration IDLE_POLL = Duration.ofMillis(100);
    static final Duration REDO_DELAY = Duration.ofSeconds(1);
    /** Asynchronous commits at most this often (and synchronously on revocation and shutdown). */
    static final long COMMIT_INTERVAL_MS = 100;
    /**
     * Records a delay topic's partition may hold that are not due yet. Without a Retry-After the due times of a
     * delay topic grow with the offsets and the head is always due first; a provider's Retry-After moves one
     * record's due time later, and the records behind it must not wait for it (no head-of-line blocking).
     */
    static final int NOT_DUE_AHEAD = 500;

    /** A record that finished, reported by whichever thread completed it. */
    private record Finished(PartitionWork work, ConsumerRecord<byte[], byte[]> record, Throwable error) {
    }

    private final String topic;
    private final String groupId;
    private final Consumer<byte[], byte[]> consumer;
    private final boolean delayed;
    private final RecordHandler handler;
    private final InFlightLimiter limiter;
    private final StartGate gate;
    private final Duration revokeGrace;
    private final Duration shutdownTimeout;
    private final Map<TopicPartition, PartitionWork> partitions = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<Finished> finished = new ConcurrentLinkedQueue<>();
    private final AtomicInteger revocations = new AtomicInteger();
    private final AtomicInteger redos = new AtomicInteger();
    private final AtomicInteger skippedAsDone = new AtomicInteger();
    private final Runnable wakeUp;
    private final Runnable rebalanced;
    private volatile boolean running = true;
    private volatile Set<TopicPartition> assignment = Set.of();
    private long lastCommit;
    private int rotation;

    /**
     * @param delayed true for a delay topic: a record starts at its due time ({@code retry_topic-backoff-timestamp})
     */
    public TopicLoop(String topic, String groupId, Consumer<byte[], byte[]> consumer, boolean delayed,
                     RecordHandler handler, InFlightLimiter limiter, Duration revokeGrace, Duration shutdownTimeout) {
        this(topic, groupId, consumer, delayed, handler, limiter, StartGate.ALWAYS, revokeGrace, shutdownTimeout);
    }

    /** @param gate asked before each record starts (the lane's provider circuit breaker) */
    public TopicLoop(String topic, String groupId, Consumer<byte[], byte[]> consumer, boolean delayed,
                     RecordHandler handler, InFlightLimiter limiter, StartGate gate, Duration revokeGrace,
                     Duration shutdownTimeout) {
        this(topic, groupId, consumer, delayed, handler, limiter, gate, revokeGrace, shutdownTimeout, () -> { });
    }

    /**
     * @param rebalanced told after each rebalance that assigned, revoked or lost partitions here (the provider
     *                   limits read the group's size again); must return at once
     */
    public TopicLoop(String topic, String groupId, Consumer<byte[], byte[]> consumer, boolean delayed,
                     RecordHandler handler, InFlightLimiter limiter, StartGate gate, Duration revokeGrace,
                     Duration shutdownTimeout, Runnable rebalanced) {
        this.rebalanced = rebalanced;
        this.gate = gate;
        this.topic = topic;
        this.groupId = groupId;
        this.consumer = consumer;
        this.delayed = delayed;
        this.handler = handler;
        this.limiter = limiter;
        this.revokeGrace = revokeGrace;
        this.shutdownTimeout = shutdownTimeout;
        // One instance, so repeated registrations while no permit is free stay one wake-up.
        this.wakeUp = consumer::wakeup;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            while (running) {
                try {
                    step();
                } catch (RuntimeException e) {
                    if (running) {
                        log.error("Consumer loop of {} failed; polling again in 1 s", topic, e);
                        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
                    }
                }
            }
            drain();
        } catch (RuntimeException e) {
            log.error("Consumer loop of {} stopped on an error", topic, e);
        } finally {
            assignment = Set.of();
            try {
                consumer.close(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                log.warn("Closing the consumer of {} failed: {}", topic, e.toString());
            }
        }
    }

    /** Stops taking records; {@link #run()} then waits for the ones in flight and returns. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    public String topic() {
        return topic;
    }

    public String groupId() {
        return groupId;
    }

    /** The partitions this loop owns now. */
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    /** How often partitions were taken from this loop by a rebalance (0 while the group is stable). */
    public int revocations() {
        return revocations.get();
    }

    /** Records not started because a previous owner's commit said they were done (see {@link CompletedOffsets}). */
    public int skippedAsDone() {
        return skippedAsDone.get();
    }

    /** Records started again because their handling failed unexpectedly. */
    public int redos() {
        return redos.get();
    }

    private void step() {
        absorbFinished();
        dispatch();
        commit(false);
        applyPauses(false);
        poll(pollTimeout());
    }

    private void poll(Duration timeout) {
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(timeout);
        } catch (WakeupException e) {
            return;
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
            PartitionWork work = partitions.get(new TopicPartition(record.topic(), record.partition()));
            if (work == null) {
                continue;
            }
            if (work.offsets.skipAsDoneBefore(record.offset())) {
                skippedAsDone.incrementAndGet();
                continue;
            }
            work.offsets.fetched(record.offset());
            work.waiting.add(new PartitionWork.Waiting(record, delayed ? dueMillis(record) : 0));
        }
    }

    private static long dueMillis(ConsumerRecord<byte[], byte[]> record) {
        return ChainHeaders.dueAt(record.headers()).map(Instant::toEpochMilli).orElse(0L);
    }

    /** Starts due records while permits last, taking the partitions in turn so none starves the others. */
    private void dispatch() {
        if (partitions.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        List<PartitionWork> works = new ArrayList<>(partitions.values());
        int start = Math.floorMod(rotation++, works.size());
        for (int i = 0; i < works.size(); i++) {
            PartitionWork work = works.get((start + i) % works.size());
            // On a delay topic every due record starts, not only the head: a record whose provider asked for a
            // long Retry-After (its due time moved later) must not hold back the records behind it.
            for (Iterator<PartitionWork.Waiting> it = work.waiting.iterator(); it.hasNext(); ) {
                PartitionWork.Waiting next = it.next();
                if (next.notBeforeMillis() > now) {
                    if (delayed) {
                        continue;
                    }
                    break;
                }
                if (!limiter.tryAcquire()) {
                    limiter.wakeWhenAvailable(wakeUp);
                    return;
                }
                if (!gate.tryStart()) {
                    // The lane's provider is down (breaker open): nothing starts, the partitions stay paused, and
                    // the next step (at most IDLE_POLL later) asks again.
                    limiter.release();
                    return;
                }
                it.remove();
                start(work, next.record());
            }
        }
    }

    private void start(PartitionWork work, ConsumerRecord<byte[], byte[]> record) {
        work.inFlight++;
        CallPermit call = new CallPermit(limiter);
        CompletableFuture<?> handling;
        try {
            handling = handler.handle(record, call::end);
        } catch (RuntimeException e) {
            handling = CompletableFuture.failedFuture(e);
        }
        handling.whenComplete((ignored, error) -> {
            call.end();
            limiter.settled();
            finished.add(new Finished(work, record, error));
        });
    }

    private void absorbFinished() {
        Finished done;
        while ((done = finished.poll()) != null) {
            PartitionWork work = done.work();
            if (partitions.get(work.partition) != work) {
                continue; // revoked since it started: the partition's new owner decides about its offset
            }
            work.inFlight--;
            if (done.error() == null) {
                work.offsets.done(done.record().offset());
            } else {
                redos.incrementAndGet();
                log.warn("Handling {}-{}@{} failed, starting it again in {} ms: {}", done.record().topic(),
                        done.record().partition(), done.record().offset(), REDO_DELAY.toMillis(), done.error().toString());
                work.waiting.addFirst(new PartitionWork.Waiting(done.record(),
                        System.currentTimeMillis() + REDO_DELAY.toMillis()));
            }
        }
    }

    private void commit(boolean now) {
        long time = System.currentTimeMillis();
        if (!now && time - lastCommit < COMMIT_INTERVAL_MS) {
            return;
        }
        lastCommit = time;
        commit(partitions.values(), now);
    }

    private void commit(Collection<PartitionWork> works, boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionWork work : works) {
            work.offsets.nextCommit(sync).ifPresent(offset -> offsets.put(work.partition, offset));
        }
        if (offsets.isEmpty()) {
            return;
        }
        if (sync) {
            commitSync(offsets);
        } else {
            consumer.commitAsync(offsets, (committed, error) -> {
                if (error != null) {
                    // Commit again on the next step: when the partition's last record was done, nothing else would
                    // move its position and the failed commit (e.g. during a rebalance) would never be repeated.
                    // The callback runs on this loop's thread, inside poll.
                    log.debug("Asynchronous commit of {} failed, repeated on the next step: {}", committed, error.toString());
                    committed.forEach((partition, offset) -> {
                        PartitionWork work = partitions.get(partition);
                        if (work != null) {
                            work.offsets.commitFailed(offset.offset());
                        }
                    });
                }
            });
        }
        for (PartitionWork work : works) {
            OffsetAndMetadata offset = offsets.get(work.partition);
            if (offset != null) {
                work.offsets.committed(offset.offset(), offset.metadata());
            }
        }
    }

    /**
     * A wake-up meant for a poll (a released permit, a stop) may land on this call instead: it is not a
     * reason to lose the commit of a revocation or a shutdown.
     */
    private void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        for (int attempt = 1; ; attempt++) {
            try {
                consumer.commitSync(offsets);
                return;
            } catch (WakeupException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** Paused while records wait (no permit, not due), so the consumer fetches no more for it. */
    private void applyPauses(boolean all) {
        List<TopicPartition> pause = new ArrayList<>();
        List<TopicPartition> resume = new ArrayList<>();
        for (PartitionWork work : partitions.values()) {
            boolean paused = all || (delayed ? mustWait(work) : !work.waiting.isEmpty());
            if (paused != work.paused) {
                (paused ? pause : resume).add(work.partition);
                work.paused = paused;
            }
        }
        if (!pause.isEmpty()) {
            consumer.pause(pause);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
    }

    /**
     * A delay topic's partition keeps fetching past records that are not due yet (at most {@link #NOT_DUE_AHEAD}
     * of them), so a record with a long Retry-After is waited for alone; it pauses when a due record waits for a
     * permit. Its committed offset still stops at the oldest record not done ({@link OffsetTracker}).
     */
    private static boolean mustWait(PartitionWork work) {
        if (work.waiting.size() >= NOT_DUE_AHEAD) {
            return true;
        }
        long now = System.currentTimeMillis();
        return work.waiting.stream().anyMatch(waiting -> waiting.notBeforeMillis() <= now);
    }

    /** Until the next due record, at most {@link #IDLE_POLL}; a released permit wakes the poll early. */
    private Duration pollTimeout() {
        long now = System.currentTimeMillis();
        long timeout = IDLE_POLL.toMillis();
        for (PartitionWork work : partitions.values()) {
            for (PartitionWork.Waiting waiting : delayed ? work.waiting : headOf(work)) {
                if (waiting.notBeforeMillis() > now) {
                    timeout = Math.min(timeout, waiting.notBeforeMillis() - now);
                }
            }
        }
        return Duration.ofMillis(Math.max(0, timeout));
    }

    private static List<PartitionWork.Waiting> headOf(PartitionWork work) {
        PartitionWork.Waiting head = work.waiting.peek();
        return head == null ? List.of() : List.of(head);
    }

    /** Shutdown: nothing new starts (waiting records are redelivered from the committed offset). */
    private void drain() {
        partitions.values().forEach(work -> work.waiting.clear());
        applyPauses(true);
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        while (inFlight() > 0 && System.nanoTime() < deadline) {
            absorbFinished();
            commit(false);
            // Polling (everything paused) keeps this member in the group while the last records finish.
            poll(Duration.ofMillis(50));
            partitions.values().forEach(work -> work.waiting.clear());
            applyPauses(true);
        }
        absorbFinished();
        if (inFlight() > 0) {
            log.warn("{} records of {} still in flight after {} ms; they will be repeated by the next owner",
                    inFlight(), topic, shutdownTimeout.toMillis());
        }
        try {
            commit(partitions.values(), true);
        } catch (RuntimeException e) {
            log.warn("Final commit of {} failed; the next owner repeats what was done since the last commit: {}",
                    topic, e.toString());
        }
    }

    private int inFlight() {
        return partitions.values().stream().mapToInt(work -> work.inFlight).sum();
    }

    /** A record's call permit, given back once: when the handler says its call ended, or at the latest when it is done. */
    private static final class CallPermit {
        private final InFlightLimiter limiter;
        private final AtomicBoolean ended = new AtomicBoolean();

        CallPermit(InFlightLimiter limiter) {
            this.limiter = limiter;
        }

        void end() {
            if (ended.compareAndSet(false, true)) {
                limiter.callEnded();
            }
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            Map<TopicPartition, OffsetAndMetadata> committed = committedOf(assigned);
            for (TopicPartition partition : assigned) {
                PartitionWork work = new PartitionWork(partition);
                OffsetAndMetadata previous = committed.get(partition);
                if (previous != null) {
                    work.offsets.restore(previous.offset(), previous.metadata());
                }
                partitions.put(partition, work);
            }
            assignment = Set.copyOf(partitions.keySet());
            if (!assigned.isEmpty()) {
                log.info("{}: assigned {}", topic, assigned);
            }
            rebalanced.run();
        }

        /**
         * The previous owner's commits, for the records it finished above them. Without them (the broker does not
         * answer) every record after the committed offset runs again, which at-least-once delivery allows.
         */
        private Map<TopicPartition, OffsetAndMetadata> committedOf(Collection<TopicPartition> assigned) {
            if (assigned.isEmpty()) {
                return Map.of();
            }
            try {
                Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(assigned),
                        Duration.ofSeconds(10));
                return committed == null ? Map.of() : committed;
            } catch (RuntimeException e) {
                log.warn("{}: could not read the committed offsets of {}; records finished above them run again: {}",
                        topic, assigned, e.toString());
                return Map.of();
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            if (revoked.isEmpty()) {
                return;
            }
            revocations.incrementAndGet();
            List<PartitionWork> works = revoked.stream().map(partitions::get).filter(w -> w != null).toList();
            works.forEach(work -> work.waiting.clear());
            long deadline = System.nanoTime() + revokeGrace.toNanos();
            while (works.stream().anyMatch(work -> work.inFlight > 0) && System.nanoTime() < deadline) {
                absorbFinished();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            absorbFinished();
            try {
                commit(works, true);
            } catch (RuntimeException e) {
                log.warn("Commit on revocation of {} failed: {}", revoked, e.toString());
            }
            revoked.forEach(partitions::remove);
            assignment = Set.copyOf(partitions.keySet());
            log.info("{}: revoked {} ({} records still in flight are left to the next owner)", topic, revoked,
                    works.stream().mapToInt(work -> work.inFlight).sum());
            rebalanced.run();
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            lost.forEach(partitions::remove);
            assignment = Set.copyOf(partitions.keySet());
            log.warn("{}: lost {} without a commit; their records are repeated by the next owner", topic, lost);
            rebalanced.run();
        }
    }
}
