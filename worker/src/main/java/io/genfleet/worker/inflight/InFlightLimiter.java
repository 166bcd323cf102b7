package io.genfleet.worker.inflight;

import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The in-flight limit C of one worker process, shared by every topic loop: a loop takes a permit before it
 * starts a record and the record gives it back when its outcome is durable. A loop that found no permit
 * registers a wake-up and is woken by the next release, instead of polling for permits.
 */
public final class InFlightLimiter {

    private final int limit;
    private final Semaphore permits;
    private final Set<Runnable> waiters = ConcurrentHashMap.newKeySet();

    public InFlightLimiter(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the in-flight limit must be at least 1, was " + limit);
        }
        this.limit = limit;
        this.permits = new Semaphore(limit);
    }

    public boolean tryAcquire() {
        return permits.tryAcquire();
    }

    public void release() {
        permits.release();
        wakeWaiters();
    }

    /** Runs {@code wakeUp} once, at the next release (or now, when a permit is free already). */
    public void wakeWhenAvailable(Runnable wakeUp) {
        waiters.add(wakeUp);
        if (permits.availablePermits() > 0) {
            wakeWaiters();
        }
    }

    private void wakeWaiters() {
        if (waiters.isEmpty()) {
            return;
        }
        for (Iterator<Runnable> it = waiters.iterator(); it.hasNext(); ) {
            Runnable waiter = it.next();
            it.remove();
            waiter.run();
        }
    }

    /** Records started and not yet done. */
    public int inFlight() {
        return limit - permits.availablePermits();
    }

    public int limit() {
        return limit;
    }
}
