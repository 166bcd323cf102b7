package io.genfleet.worker.inflight;

import io.genfleet.common.item.Lane;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.worker.WorkerSettings;
import io.genfleet.worker.generation.GenerationAttempts;
import io.genfleet.worker.kafka.WorkerKafkaClients;
import io.genfleet.worker.provider.ProviderBreakers;
import io.genfleet.worker.provider.limit.GroupMembers;
import io.genfleet.worker.retry.DeadLetterListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The worker's consumers: for each lane, one {@link TopicLoop} per topic of its chain, each with its own
 * consumer group and client id.
 * <pre>
 *   {lane}.requests ──fail──▶ -retry-2000 ──fail──▶ -retry-4000 ──fail──▶ -retry-8000 ──fail──▶ -dlt
 *   group genfleet-worker-{lane}, then the same group id plus the topic's suffix
 *   client ids: the group id plus "-0", e.g. genfleet-worker-image-retry-2000-0
 * </pre>
 * The lane and delay loops share one {@link InFlightLimiter} of {@code genfleet.worker.max-in-flight} permits;
 * the dead-letter loop reports {@code failed_permanent} through the {@link DeadLetterListener}, one record at a
 * time.
 *
 * <p>Why not spring-kafka's listener container with asynchronous returns and out-of-order acknowledgements
 * ({@code asyncAcks})? Its documented contract pauses the consumer until every record of the previous poll is
 * acknowledged, so one slow generation holds back the rest of its poll; Kafka share groups do the same in
 * explicit-acknowledgement mode (measured, PITFALLS.md). The topic loop keeps taking new records while any
 * number of older ones run, which real providers (seconds to minutes per call) need.
 */
@Component("workerLaneLoops")
public class LaneLoops implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LaneLoops.class);

    /**
     * How long a revoked partition's records in flight may finish before the partition is handed over: long
     * enough for short generations to commit instead of being repeated, short enough not to stall the group.
     */
    public static final Duration REVOKE_GRACE = Duration.ofSeconds(5);

    private final WorkerSettings settings;
    private final TopicCatalog catalog;
    private final WorkerKafkaClients clients;
    private final GenerationAttempts attempts;
    private final DeadLetterListener deadLetters;
    private final ProviderBreakers breakers;
    private final GroupMembers groupMembers;
    private final List<TopicLoop> loops = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private InFlightLimiter limiter;
    private ExecutorService attemptExecutor;
    private ExecutorService deadLetterExecutor;
    private volatile boolean running;

    public LaneLoops(WorkerSettings settings, TopicCatalog catalog, WorkerKafkaClients clients, GenerationAttempts attempts,
                     DeadLetterListener deadLetters, ProviderBreakers breakers, GroupMembers groupMembers) {
        this.breakers = breakers;
        this.groupMembers = groupMembers;
        this.settings = settings;
        this.catalog = catalog;
        this.clients = clients;
        this.attempts = attempts;
        this.deadLetters = deadLetters;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        limiter = new InFlightLimiter(settings.maxInFlight());
        // The CPU-bound steps after a provider call (events, forwards); provider waits hold no thread.
        attemptExecutor = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                daemonThreads("worker-attempt-"));
        deadLetterExecutor = Executors.newSingleThreadExecutor(daemonThreads("worker-dead-letter-"));
        Duration shutdownTimeout = settings.provider().timeout().plusSeconds(10);
        for (Lane lane : settings.lanes()) {
            String laneTopic = catalog.requests(lane).name();
            for (String topic : catalog.chain(lane)) {
                String groupId = catalog.workerGroup(lane, topic);
                boolean deadLetter = topic.equals(catalog.deadLetter(lane));
                RecordHandler handler = deadLetter ? (record, noCall) -> reportDeadLetter(record)
                        : (record, callEnded) -> attempts.handle(record, groupId, attemptExecutor, callEnded);
                // Stable client ids that name lane and tier (genfleet-worker-image-retry-2000-0): the Kafka client
                // metrics carry only client_id, and the dashboards and the idle-lane alert read both from it.
                Consumer<byte[], byte[]> consumer = clients.consumerFactory().createConsumer(groupId, groupId, "-0");
                TopicLoop loop = new TopicLoop(topic, groupId, consumer, !topic.equals(laneTopic) && !deadLetter, handler,
                        deadLetter ? new InFlightLimiter(1) : limiter, deadLetter ? StartGate.ALWAYS : gate(lane),
                        REVOKE_GRACE, shutdownTimeout,
                        // The lane's worker count (the provider limits' shares) is its request group's size.
                        topic.equals(laneTopic) ? groupMembers::refreshSoon : () -> { });
                loops.add(loop);
                Thread thread = new Thread(loop, "worker-loop-" + topic);
                threads.add(thread);
                thread.start();
            }
        }
        running = true;
        log.info("Worker started: lanes {}, up to {} generations in flight", settings.lanes(),
                settings.maxInFlight());
    }

    /** While the lane's provider circuit breaker is open, its lane and delay topics start nothing. */
    private StartGate gate(Lane lane) {
        return breakers.of(lane).<StartGate>map(breaker -> new StartGate() {
            @Override
            public boolean tryStart() {
                return breaker.tryStart();
            }

            @Override
            public void release() {
                breaker.release();
            }
        }).orElse(StartGate.ALWAYS);
    }

    /** spring-kafka's dead-letter strategy FAIL_ON_ERROR: a failure is logged and counted by the listener, not retried. */
    private CompletableFuture<?> reportDeadLetter(ConsumerRecord<byte[], byte[]> record) {
        return CompletableFuture.runAsync(() -> {
            try {
                deadLetters.onDeadLetter(record);
            } catch (RuntimeException alreadyLogged) {
                // DeadLetterListener logged it and counted it as unreported; the record stays in the topic.
            }
        }, deadLetterExecutor);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        loops.forEach(TopicLoop::stop);
        long deadline = System.nanoTime() + settings.provider().timeout().plusSeconds(20).toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        attemptExecutor.shutdown();
        deadLetterExecutor.shutdown();
        loops.clear();
        threads.clear();
        running = false;
        log.info("Worker stopped");
    }

    /**
     * Stops the consumers of one lane, leaving the others running: they finish what they hold and leave their
     * groups, so the lane's partitions go to the other workers (or, with none, the lane's idle alert fires).
     */
    public void stopLane(Lane lane) {
        loops.stream().filter(loop -> catalog.laneOf(loop.topic()).orElse(null) == lane).forEach(TopicLoop::stop);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped early: before the producer and the provider. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    /** Partitions owned per topic now (for readiness checks, tests and the benchmark). */
    public Map<String, Integer> assignedPartitions() {
        return loops.stream().collect(Collectors.toMap(TopicLoop::topic, loop -> loop.assignment().size(),
                Integer::sum));
    }

    /** The consumer group of each topic's loop. */
    public Map<String, String> groupIds() {
        return loops.stream().collect(Collectors.toMap(TopicLoop::topic, TopicLoop::groupId));
    }

    /** Rebalances that took partitions from this worker's loops since start. */
    public int revocations() {
        return loops.stream().mapToInt(TopicLoop::revocations).sum();
    }

    /** Generations (and dead-letter reports) running now. */
    public int inFlight() {
        return limiter == null ? 0 : limiter.inFlight();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
