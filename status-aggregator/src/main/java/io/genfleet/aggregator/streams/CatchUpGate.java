package io.genfleet.aggregator.streams;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds interactive queries back each time Kafka Streams becomes RUNNING (start, restart, rebalance) until this
 * instance has committed its input partitions up to where they ended at that moment.
 *
 * <p>Why: interactive queries read the stores including writes that are not committed yet (Kafka Streams 4.1 has
 * no transactional state stores, KIP-892). When an instance dies, the next owner of its tasks restores the
 * COMMITTED state only and processes the rest again, so for a while its answers are behind what was already shown:
 * in the fault battery ({@code e2e/}), a batch answered with total 100 was answered with total 15 right after the
 * aggregator was killed ({@code kill -9}) and restarted. Once every input partition (the status topic and the
 * repartition topic) is committed up to its end as of RUNNING, everything an earlier owner can have shown has been
 * processed again, and answers only move forward. Until then the API answers 503, like during a restore.
 */
public final class CatchUpGate implements AutoCloseable {

    /** Where the gate reads offsets: the input's ends (read_committed) and the application's committed offsets. */
    public interface Offsets extends AutoCloseable {

        Map<TopicPartition, Long> ends(Set<TopicPartition> partitions) throws Exception;

        Map<TopicPartition, Long> committed() throws Exception;

        @Override
        void close();
    }

    private static final Logger log = LoggerFactory.getLogger(CatchUpGate.class);

    private final Offsets offsets;
    private final Duration checkInterval;
    private final ScheduledExecutorService checks;
    private long generation;
    private boolean open;

    public CatchUpGate(Offsets offsets, Duration checkInterval) {
        this.offsets = offsets;
        this.checkInterval = checkInterval;
        this.checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "aggregator-catch-up");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Called on every Streams state change: closes the gate, and on RUNNING starts catching up with the input
     * partitions that {@code inputs} lists (this instance's active tasks).
     */
    public synchronized void stateChanged(KafkaStreams.State state, Supplier<Set<TopicPartition>> inputs) {
        long current = ++generation;
        open = false;
        if (state == KafkaStreams.State.RUNNING) {
            long started = System.nanoTime();
            checks.execute(() -> catchUp(current, inputs, started, 1));
        }
    }

    /** True once this instance has committed its input up to where it ended when Streams last became RUNNING. */
    public synchronized boolean isOpen() {
        return open;
    }

    private void catchUp(long current, Supplier<Set<TopicPartition>> inputs, long started, int attempt) {
        if (!isCurrent(current)) {
            return;
        }
        Map<TopicPartition, Long> targets;
        try {
            targets = offsets.ends(inputs.get());
        } catch (Exception e) {
            // Once, then about every 10 s: the broker may be away for a while.
            if (attempt % 50 == 1) {
                log.warn("Cannot read the input's end offsets yet ({}); answers stay unavailable, retrying",
                        e.toString());
            }
            schedule(() -> catchUp(current, inputs, started, attempt + 1));
            return;
        }
        check(current, targets, started);
    }

    private void check(long current, Map<TopicPartition, Long> targets, long started) {
        if (!isCurrent(current)) {
            return;
        }
        try {
            Map<TopicPartition, Long> committed = offsets.committed();
            boolean caughtUp = targets.entrySet().stream()
                    .allMatch(target -> committed.getOrDefault(target.getKey(), 0L) >= target.getValue());
            if (caughtUp) {
                open(current, targets.size(), started);
                return;
            }
        } catch (Exception e) {
            log.debug("Cannot read the committed offsets ({}), retrying", e.toString());
        }
        schedule(() -> check(current, targets, started));
    }

    private synchronized void open(long current, int partitions, long started) {
        if (generation == current) {
            open = true;
            log.info("Caught up with {} input partitions {} ms after RUNNING: answering queries", partitions,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    private synchronized boolean isCurrent(long current) {
        return generation == current;
    }

    private void schedule(Runnable next) {
        if (!checks.isShutdown()) {
            checks.schedule(next, checkInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        checks.shutdownNow();
        offsets.close();
    }
}
