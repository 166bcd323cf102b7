package io.genfleet.bench.engines;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The provider both engines call: a call is a future that a timer completes after the scenario's latency, so no
 * thread waits while it runs (as genfleet's asynchronous providers). Counts what the engine did with it: calls,
 * the most in flight at once, when the first started and the last ended.
 */
final class SimulatedCalls implements AutoCloseable {

    private final Scenario scenario;
    private final ScheduledExecutorService timer;
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final AtomicLong lastEndNanos = new AtomicLong(Long.MIN_VALUE);
    private final CountDownLatch callsEnded;
    private volatile long firstStartNanos;

    /**
     * @param records    calls expected (one per record)
     * @param threadName the timer's thread: completions run on it, so its CPU is the engine's
     */
    SimulatedCalls(Scenario scenario, int records, String threadName) {
        this.scenario = scenario;
        this.callsEnded = new CountDownLatch(records);
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    CompletableFuture<Void> call(ConsumerRecord<byte[], byte[]> record) {
        long now = System.nanoTime();
        if (started.getAndIncrement() == 0) {
            firstStartNanos = now;
        }
        peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        Duration latency = scenario.latencyOf(RecordKeys.index(record.key()));
        if (latency.isZero()) {
            // Completed before the engine sees the future: its own per-record path, without a thread hand-off.
            ended();
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> answer = new CompletableFuture<>();
        timer.schedule(() -> {
            ended();
            answer.complete(null);
        }, latency.toNanos(), TimeUnit.NANOSECONDS);
        return answer;
    }

    private void ended() {
        inFlight.decrementAndGet();
        lastEndNanos.accumulateAndGet(System.nanoTime(), Math::max);
        callsEnded.countDown();
    }

    /**
     * Waits until as many calls as records have ended (no engine commits a record before its call ended), or
     * {@code timeout} passes.
     */
    boolean awaitEnded(Duration timeout) {
        try {
            return callsEnded.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    int started() {
        return started.get();
    }

    int peakInFlight() {
        return peakInFlight.get();
    }

    /** {@link System#nanoTime()} when the first call started; meaningful once {@link #started()} is positive. */
    long firstStartNanos() {
        return firstStartNanos;
    }

    long lastEndNanos() {
        return lastEndNanos.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
