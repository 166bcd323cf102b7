package io.genfleet.worker.provider.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestRateLimiterTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final AtomicLong clock = new AtomicLong(1_000_000 * MS);
    private final long start = clock.get();
    private final List<Long> waits = new ArrayList<>();
    /** The planned turns: when (the clock's nanoseconds) and what. */
    private final ArrayDeque<Object[]> turns = new ArrayDeque<>();

    private RequestRateLimiter limiter(double perSecond) {
        return new RequestRateLimiter("test", perSecond, clock::get, waits::add,
                (nanos, task) -> turns.add(new Object[] {clock.get() + nanos, task}));
    }

    /** Runs the planned turns in time order, {@code lateBy} after each is due; returns when each permit came (ms). */
    private List<Long> runTurns(List<CompletableFuture<Void>> permits, long lateByMs) {
        List<Long> grantedAt = new ArrayList<>();
        List<CompletableFuture<Void>> pending = new ArrayList<>(permits);
        collect(pending, grantedAt);
        while (!turns.isEmpty()) {
            Object[] turn = turns.stream().min((a, b) -> Long.compare((long) a[0], (long) b[0])).orElseThrow();
            turns.remove(turn);
            clock.set(Math.max(clock.get(), (long) turn[0] + lateByMs * MS));
            ((Runnable) turn[1]).run();
            collect(pending, grantedAt);
        }
        return grantedAt;
    }

    private void collect(List<CompletableFuture<Void>> pending, List<Long> grantedAt) {
        pending.removeIf(permit -> {
            if (permit.isDone()) {
                grantedAt.add((clock.get() - start) / MS);
                return true;
            }
            return false;
        });
    }

    private static List<CompletableFuture<Void>> ask(RequestRateLimiter limiter, int count) {
        List<CompletableFuture<Void>> permits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            permits.add(limiter.permit());
        }
        return permits;
    }

    @Test
    void requestsAskedAtOnceGoEvenlySpaced() {
        RequestRateLimiter limiter = limiter(5);

        // 5 per second: one every 200 ms, the first at once.
        assertThat(runTurns(ask(limiter, 6), 0)).containsExactly(0L, 200L, 400L, 600L, 800L, 1000L);
        assertThat(waits).hasSize(6).first().isEqualTo(0L);
        assertThat(waits.get(5)).isEqualTo(1000 * MS);
    }

    @Test
    void turnsThatComeLateSendOneRequestEachNotABurst() {
        RequestRateLimiter limiter = limiter(5);

        // Every turn 150 ms late: still one request per turn, so never two within less than 200 ms.
        List<Long> granted = runTurns(ask(limiter, 5), 150);
        for (int i = 1; i < granted.size(); i++) {
            assertThat(granted.get(i) - granted.get(i - 1)).as("gap before request %d", i).isGreaterThanOrEqualTo(200L);
        }
        assertThat(granted).hasSize(5);
    }

    @Test
    void anIdleLimiterSavesUpOnlyOnePermit() {
        RequestRateLimiter limiter = limiter(10);
        limiter.permit();
        clock.addAndGet(5_000 * MS);
        long idleEnd = (clock.get() - start) / MS;

        assertThat(runTurns(ask(limiter, 3), 0)).containsExactly(idleEnd, idleEnd + 100, idleEnd + 200);
    }

    @Test
    void aPermitSavedWhileIdleAndUsedLateInItsPeriodIsNotFollowedAtOnceByTheNext() {
        RequestRateLimiter limiter = limiter(10);
        limiter.permit();
        clock.addAndGet(5_080 * MS); // 80 ms into a 100 ms period
        long idleEnd = (clock.get() - start) / MS;

        // The next period starts 20 ms later, but requests stay 100 ms apart.
        assertThat(runTurns(ask(limiter, 3), 0)).containsExactly(idleEnd, idleEnd + 100, idleEnd + 200);
    }

    @Test
    void aNewShareAppliesToTheRequestsWaitingAndGivesNoFreePermit() {
        RequestRateLimiter limiter = limiter(10);
        assertThat(limiter.permit()).isDone();
        List<CompletableFuture<Void>> waiting = ask(limiter, 3);

        limiter.setRate(2);

        // 2 per second from now: 500 ms apart, the first one period after the change.
        List<Long> granted = runTurns(waiting, 0);
        assertThat(granted).containsExactly(500L, 1000L, 1500L);
        assertThat(limiter.rate()).isEqualTo(2.0);
    }

    @Test
    void closingFailsTheRequestsStillWaiting() {
        RequestRateLimiter limiter = limiter(1);
        limiter.permit();
        CompletableFuture<Void> waiting = limiter.permit();

        limiter.close(new IllegalStateException("stopping"));

        assertThat(waiting).isCompletedExceptionally();
    }

    @Test
    void onItsOwnTimerAPermitCompletesOnlyWhenDue() {
        List<Long> realWaits = new ArrayList<>();
        try (RequestRateLimiter limiter = new RequestRateLimiter("real", 20, realWaits::add)) {
            long started = System.nanoTime();
            List<CompletableFuture<Void>> permits = ask(limiter, 5);
            CompletableFuture.allOf(permits.toArray(CompletableFuture[]::new)).orTimeout(5, TimeUnit.SECONDS).join();

            // 20 per second: the fifth permit comes 200 ms after the first.
            assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(195 * MS);
            assertThat(realWaits).hasSize(5).first().isEqualTo(0L);
        }
    }
}
