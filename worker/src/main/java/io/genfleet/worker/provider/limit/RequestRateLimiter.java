package io.genfleet.worker.provider.limit;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * This process's share of a provider's request rate, for requests that must not hold a thread while they wait.
 * {@link #permit()} reserves the next free slot of resilience4j's {@link RateLimiter} and completes when it is
 * due; the caller sends its request then.
 *
 * <p>The limiter hands out one permit per {@code 1 / rate} seconds, so requests go out evenly spaced: an idle
 * process saves up at most one permit, and a 1 s window sees at most {@code rate} requests (one more when a
 * window's edges fall on two permits). resilience4j can change a limiter's permits per period but not its period,
 * so a new share ({@link #setRate}) takes a new limiter, on which the slots already promised by the old one are
 * reserved first: the requests waiting for the old rate go out as promised and the new rate follows them, never
 * on top of them.
 */
public final class RequestRateLimiter {

    private static final Duration NO_TIMEOUT = Duration.ofDays(365);

    private final String name;
    private final Supplier<Long> nanoTime;
    private final WaitObserver observer;
    private final Executor delayedStart;
    private double rate;
    private RateLimiter limiter;
    /** When the last reserved slot is due (the clock's nanoseconds). */
    private long lastSlot;

    public RequestRateLimiter(String name, double requestsPerSecond, WaitObserver observer) {
        this(name, requestsPerSecond, System::nanoTime, observer, null);
    }

    /**
     * @param nanoTime     the clock (tests)
     * @param delayedStart where a due permit completes; null: the JDK's delay scheduler, which completes it on
     *                     its own thread (what runs next is the start of an asynchronous HTTP exchange)
     */
    RequestRateLimiter(String name, double requestsPerSecond, Supplier<Long> nanoTime, WaitObserver observer,
                       Executor delayedStart) {
        this.name = name;
        this.nanoTime = nanoTime;
        this.observer = observer;
        this.delayedStart = delayedStart;
        this.lastSlot = nanoTime.get();
        this.limiter = create(requestsPerSecond);
        this.rate = requestsPerSecond;
    }

    /** Requests per second this process may send now. */
    public synchronized double rate() {
        return rate;
    }

    /** A new share; requests already waiting keep their slots. */
    public synchronized void setRate(double requestsPerSecond) {
        if (requestsPerSecond == rate) {
            return;
        }
        RateLimiter next = create(requestsPerSecond);
        // Up to the last promised slot (and one new period after it, which the new limiter's first, free permit
        // would otherwise skip), the new limiter's permits are spoken for.
        long promised = lastSlot + periodNanos(requestsPerSecond) - nanoTime.get();
        long taken = promised <= 0 ? 0 : (long) Math.ceil(promised / (double) periodNanos(requestsPerSecond));
        for (long i = 0; i < taken; i++) {
            next.reservePermission();
        }
        limiter = next;
        rate = requestsPerSecond;
    }

    /** Nanoseconds until the next request may be sent; that slot is taken. */
    public synchronized long reserve() {
        long wait = limiter.reservePermission();
        if (wait < 0) {
            // Only past NO_TIMEOUT, i.e. never in practice.
            throw new IllegalStateException("rate limiter " + name + " refused a reservation");
        }
        lastSlot = Math.max(lastSlot, nanoTime.get() + wait);
        return wait;
    }

    /** Completes when the request may be sent, without holding a thread meanwhile. */
    public CompletableFuture<Void> permit() {
        long wait = reserve();
        observer.waited(wait);
        if (wait == 0) {
            return CompletableFuture.completedFuture(null);
        }
        Executor after = delayedStart == null
                ? CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS)
                : CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS, delayedStart);
        return CompletableFuture.runAsync(() -> { }, after);
    }

    private RateLimiter create(double requestsPerSecond) {
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("requests per second must be positive, got " + requestsPerSecond);
        }
        RateLimiterConfig config = RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofNanos(periodNanos(requestsPerSecond)))
                .timeoutDuration(NO_TIMEOUT)
                .build();
        return RateLimiter.of(name, config, nanoTime);
    }

    private static long periodNanos(double requestsPerSecond) {
        return Math.max(1, Math.round(TimeUnit.SECONDS.toNanos(1) / requestsPerSecond));
    }
}
