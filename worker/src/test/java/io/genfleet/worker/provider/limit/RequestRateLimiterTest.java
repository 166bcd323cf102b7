package io.genfleet.worker.provider.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestRateLimiterTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final AtomicLong clock = new AtomicLong(1_000_000 * MS);
    private final List<Long> waits = new ArrayList<>();

    private RequestRateLimiter limiter(double perSecond) {
        return new RequestRateLimiter("test", perSecond, clock::get, waits::add, Runnable::run);
    }

    /** Absolute due times (ms after the start) of {@code count} requests asked for at the same instant. */
    private List<Long> dueTimes(RequestRateLimiter limiter, int count, long start) {
        List<Long> due = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            due.add((clock.get() + limiter.reserve() - start) / MS);
        }
        return due;
    }

    @Test
    void requestsAskedAtOnceAreSpacedEvenly() {
        long start = clock.get();
        RequestRateLimiter limiter = limiter(5);

        // 5 per second: one every 200 ms, the first at once.
        assertThat(dueTimes(limiter, 6, start)).containsExactly(0L, 200L, 400L, 600L, 800L, 1000L);
    }

    @Test
    void anIdleLimiterSavesUpOnlyOnePermit() {
        RequestRateLimiter limiter = limiter(10);
        limiter.reserve();
        clock.addAndGet(5_000 * MS);
        long start = clock.get();

        assertThat(dueTimes(limiter, 3, start)).containsExactly(0L, 100L, 200L);
    }

    @Test
    void aLowerShareFollowsTheRequestsAlreadyPromisedInsteadOfRunningBesideThem() {
        long start = clock.get();
        RequestRateLimiter limiter = limiter(10);
        List<Long> promised = dueTimes(limiter, 10, start); // 0, 100, ... 900 ms

        limiter.setRate(5);

        assertThat(promised.get(9)).isEqualTo(900L);
        // The next one comes one new period (200 ms) after the last promised slot, then every 200 ms.
        List<Long> next = dueTimes(limiter, 3, start);
        assertThat(next.get(0)).isGreaterThanOrEqualTo(1100L);
        assertThat(next.get(1) - next.get(0)).isEqualTo(200L);
        assertThat(next.get(2) - next.get(1)).isEqualTo(200L);
    }

    @Test
    void aPermitCompletesOnlyAfterItsWaitAndTheWaitIsObserved() {
        RequestRateLimiter limiter = new RequestRateLimiter("real", 20, waits::add);
        long started = System.nanoTime();
        List<CompletableFuture<Void>> permits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            permits.add(limiter.permit());
        }
        CompletableFuture.allOf(permits.toArray(CompletableFuture[]::new)).orTimeout(5, TimeUnit.SECONDS).join();

        // 20 per second: the fifth permit is due 200 ms after the first.
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(190 * MS);
        assertThat(waits).hasSize(5).first().isEqualTo(0L);
        assertThat(waits.get(4)).isBetween(190 * MS, 210 * MS);
    }
}
