package io.genfleet.worker.inflight;

import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * The in-flight limit C of one worker process, shared by every topic loop. A started record holds two permits:
 * <ul>
 *   <li>a <em>call</em> permit (C of them), given back as soon as its provider call has answered
 *       ({@link #callEnded()}), so the next generation starts while this one's events are still on their way to
 *       the broker: a slot's cycle is the provider's latency, not the latency plus an acknowledgement;</li>
 *   <li>an <em>unsettled</em> permit ({@link #UNSETTLED_PER_CALL} × C of them), given back when the record's
 *       outcome is durable ({@link #settled()}). This is the bound that makes a broker outage stop new calls: when
 *       events are not acknowledged, answered records pile up here and no new call starts, instead of the
 *       producer's buffer filling with the events of ever more calls.</li>
 * </ul>
 * A loop that found no permit registers a wake-up and is woken by the next release, instead of polling for
 * permits.
 */
public final class InFlightLimiter {

    /**
     * Records answered and not yet durable may at most equal the calls in flight: two limits' worth in all. Enough
     * that acknowledgements a few milliseconds late never idle a call slot; small enough that an unreachable broker
     * stops new calls after one round of them.
     */
    static final int UNSETTLED_PER_CALL = 2;

    private final int limit;
    private final Semaphore calls;
    private final Semaphore unsettled;
    private final Set<Runnable> waiters = ConcurrentHashMap.newKeySet();

    public InFlightLimiter(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the in-flight limit must be at least 1, was " + limit);
        }
        this.limit = limit;
        this.calls = new Semaphore(limit);
        this.unsettled = new Semaphore(limit * UNSETTLED_PER_CALL);
    }

    /** Both permits of a record that starts now, or neither. */
    public boolean tryAcquire() {
        if (!unsettled.tryAcquire()) {
            return false;
        }
        if (!calls.tryAcquire()) {
            unsettled.release();
            return false;
        }
        return true;
    }

    /** The record's provider call has answered (or it made none): its call permit is free for the next record. */
    public void callEnded() {
        calls.release();
        wakeWaiters();
    }

    /** The record's outcome is durable: its unsettled permit is free. Its call must have ended before. */
    public void settled() {
        unsettled.release();
        wakeWaiters();
    }

    /** Gives back both permits of a record that did not start after all. */
    public void release() {
        calls.release();
        unsettled.release();
        wakeWaiters();
    }

    /** Runs {@code wakeUp} once, at the next release (or now, when permits are free already). */
    public void wakeWhenAvailable(Runnable wakeUp) {
        waiters.add(wakeUp);
        if (calls.availablePermits() > 0 && unsettled.availablePermits() > 0) {
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

    /** Provider calls started and not yet answered: the generations in flight. */
    public int inFlight() {
        return limit - calls.availablePermits();
    }

    /** Records started whose outcome is not durable yet (calls in flight included). */
    public int unsettled() {
        return limit * UNSETTLED_PER_CALL - unsettled.availablePermits();
    }

    public int limit() {
        return limit;
    }
}
