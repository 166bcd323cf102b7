package io.genfleet.worker.provider.limit;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * This process's share of a provider's request rate, for requests that must not hold a thread while they wait:
 * {@link #permit()} completes when the request may be sent, first come first served.
 *
 * <p>The counting is resilience4j's {@link AtomicRateLimiter} with one permit per {@code 1 / rate} seconds, so
 * requests go out evenly spaced and an idle process saves up at most one permit. Its periods are fixed in phase,
 * though: a permit saved while idle and used late in its period would be followed by the next period's at once,
 * so consecutive requests are also kept a whole period apart here. A 1 s window then sees at most {@code rate}
 * requests of this process (rounded up). Waiting requests queue here, and a timer
 * takes a permit for the first of them when the limiter's next one is due. The permit is taken when the request
 * is about to be sent, not reserved ahead: a timer that fires late (a busy machine, a GC pause) then sends one
 * request late instead of several at once.
 *
 * <p>resilience4j can change a limiter's permits per period but not its period, so a new share
 * ({@link #setRate}) takes a new limiter, emptied first so that it does not hand out a free permit right after
 * the old one's last.
 */
public final class RequestRateLimiter implements AutoCloseable {

    /** Runs a task after a delay (a scheduler thread; tests drive it by hand). */
    @FunctionalInterface
    interface Timer {
        void after(long nanos, Runnable task);
    }

    private record Waiter(CompletableFuture<Void> permit, long since) {
    }

    private final String name;
    private final Supplier<Long> nanoTime;
    private final WaitObserver observer;
    private final Timer timer;
    private final ScheduledExecutorService ownScheduler;
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private AtomicRateLimiter limiter;
    private double rate;
    private long period;
    /** When the last permit was given (the clock's nanoseconds). */
    private long lastGrant;

    public RequestRateLimiter(String name, double requestsPerSecond, WaitObserver observer) {
        this.name = name;
        this.nanoTime = System::nanoTime;
        this.observer = observer;
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "provider-rate-" + name);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        this.ownScheduler = scheduler;
        this.timer = (nanos, task) -> scheduler.schedule(task, nanos, TimeUnit.NANOSECONDS);
        this.limiter = create(requestsPerSecond);
        this.rate = requestsPerSecond;
        this.period = periodNanos(requestsPerSecond);
        this.lastGrant = nanoTime.get() - period;
    }

    /** @param nanoTime the clock; {@code timer} runs the queue's next turn (tests) */
    RequestRateLimiter(String name, double requestsPerSecond, Supplier<Long> nanoTime, WaitObserver observer,
                       Timer timer) {
        this.name = name;
        this.nanoTime = nanoTime;
        this.observer = observer;
        this.timer = timer;
        this.ownScheduler = null;
        this.limiter = create(requestsPerSecond);
        this.rate = requestsPerSecond;
        this.period = periodNanos(requestsPerSecond);
        this.lastGrant = nanoTime.get() - period;
    }

    /** Requests per second this process may send now. */
    public synchronized double rate() {
        return rate;
    }

    /** Requests waiting for a permit now. */
    public synchronized int waiting() {
        return waiting.size();
    }

    /** A new share; the requests waiting keep their places in the queue. */
    public void setRate(double requestsPerSecond) {
        synchronized (this) {
            if (requestsPerSecond == rate) {
                return;
            }
            AtomicRateLimiter next = create(requestsPerSecond);
            next.drainPermissions();
            limiter = next;
            rate = requestsPerSecond;
            period = periodNanos(requestsPerSecond);
            if (waiting.isEmpty()) {
                return;
            }
        }
        // The turn planned for the old rate may come too late for the new one: plan one for the new rate too.
        scheduleTurn();
    }

    /** Completes when the request may be sent (at once when a permit is free and nobody waits). */
    public CompletableFuture<Void> permit() {
        CompletableFuture<Void> permit = new CompletableFuture<>();
        boolean first;
        synchronized (this) {
            if (waiting.isEmpty() && take()) {
                permit.complete(null);
                first = false;
            } else {
                waiting.add(new Waiter(permit, nanoTime.get()));
                first = waiting.size() == 1;
            }
        }
        if (permit.isDone()) {
            observer.waited(0);
        } else if (first) {
            scheduleTurn();
        }
        return permit;
    }

    /** Lets the first waiting requests go while there are permits, then plans the next turn. */
    void turn() {
        List<Waiter> granted = new ArrayList<>();
        boolean more;
        synchronized (this) {
            while (!waiting.isEmpty() && take()) {
                granted.add(waiting.poll());
            }
            more = !waiting.isEmpty();
        }
        long now = nanoTime.get();
        for (Waiter waiter : granted) {
            observer.waited(now - waiter.since());
            // Completed outside the lock: the request is sent from here (an asynchronous send, quick).
            waiter.permit().complete(null);
        }
        if (more) {
            scheduleTurn();
        }
    }

    /** Takes a permit when the limiter has one and the last was given a period ago or more. */
    private boolean take() {
        long now = nanoTime.get();
        if (now - lastGrant < period || !limiter.acquirePermission()) {
            return false;
        }
        lastGrant = now;
        return true;
    }

    private void scheduleTurn() {
        long wait;
        synchronized (this) {
            long spacing = lastGrant + period - nanoTime.get();
            wait = Math.max(0, Math.max(spacing, limiter.getDetailedMetrics().getNanosToWait()));
        }
        try {
            timer.after(wait, this::turn);
        } catch (RejectedExecutionException stopping) {
            failWaiting(new IllegalStateException("the worker is shutting down", stopping));
        }
    }

    private void failWaiting(RuntimeException reason) {
        List<Waiter> failed;
        synchronized (this) {
            failed = new ArrayList<>(waiting);
            waiting.clear();
        }
        failed.forEach(waiter -> waiter.permit().completeExceptionally(reason));
    }

    private AtomicRateLimiter create(double requestsPerSecond) {
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("requests per second must be positive, got " + requestsPerSecond);
        }
        RateLimiterConfig config = RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofNanos(periodNanos(requestsPerSecond)))
                // Never block: a request that cannot go now waits in the queue, holding no thread.
                .timeoutDuration(Duration.ZERO)
                .build();
        return new AtomicRateLimiter(name, config, nanoTime);
    }

    private static long periodNanos(double requestsPerSecond) {
        return Math.max(1, Math.round(1e9 / requestsPerSecond));
    }

    /** Stops the timer; requests still waiting fail (the worker is stopping). */
    @Override
    public void close() {
        close(new IllegalStateException("the worker is shutting down"));
    }

    /** Stops the timer; requests still waiting fail with {@code reason}. */
    public void close(RuntimeException reason) {
        if (ownScheduler != null) {
            ownScheduler.shutdownNow();
        }
        failWaiting(reason);
    }
}
