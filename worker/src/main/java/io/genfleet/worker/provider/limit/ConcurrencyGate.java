package io.genfleet.worker.provider.limit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * This process's share of a provider's concurrency cap, for calls that must not hold a thread while they wait:
 * {@link #acquire()} completes with a {@link Slot} once fewer than {@link #limit()} calls run, first come first
 * served. A waiting call is not a failure; it is simply not started yet.
 *
 * <p>Hand-written because the kept libraries' bulkheads block a thread (resilience4j's semaphore bulkhead) or
 * run the call on their own pool; this is a counter and a queue of futures.
 */
public final class ConcurrencyGate {

    /** A running call's place; {@link #close()} gives it back (once, however often it is called). */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    private record Waiter(CompletableFuture<Slot> granted, long since) {
    }

    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private final WaitObserver observer;
    private final Supplier<Long> nanoTime;
    private int limit;
    private int running;
    private RuntimeException closed;

    public ConcurrencyGate(int limit, WaitObserver observer) {
        this(limit, observer, System::nanoTime);
    }

    ConcurrencyGate(int limit, WaitObserver observer, Supplier<Long> nanoTime) {
        this.observer = observer;
        this.nanoTime = nanoTime;
        this.limit = requirePositive(limit);
    }

    /** Completes with a slot when the call may start (at once when one is free). */
    public CompletableFuture<Slot> acquire() {
        CompletableFuture<Slot> granted = new CompletableFuture<>();
        synchronized (this) {
            if (closed != null) {
                return CompletableFuture.failedFuture(closed);
            }
            if (running < limit && waiting.isEmpty()) {
                running++;
            } else {
                waiting.add(new Waiter(granted, nanoTime.get()));
                return granted;
            }
        }
        observer.waited(0);
        granted.complete(new Given());
        return granted;
    }

    /** A new share: more room starts waiting calls at once; less lets running calls finish. */
    public void setLimit(int limit) {
        synchronized (this) {
            this.limit = requirePositive(limit);
        }
        admit();
    }

    /** Fails every waiting call with {@code reason}, and every later one (the worker is stopping). */
    public void close(RuntimeException reason) {
        List<Waiter> failed;
        synchronized (this) {
            closed = reason;
            failed = new ArrayList<>(waiting);
            waiting.clear();
        }
        failed.forEach(waiter -> waiter.granted().completeExceptionally(reason));
    }

    public synchronized int limit() {
        return limit;
    }

    public synchronized int running() {
        return running;
    }

    public synchronized int waiting() {
        return waiting.size();
    }

    private void release() {
        synchronized (this) {
            running--;
        }
        admit();
    }

    /** Starts waiting calls while there is room; completed outside the lock, since a call starts on completion. */
    private void admit() {
        while (true) {
            Waiter next;
            synchronized (this) {
                if (running >= limit || waiting.isEmpty()) {
                    return;
                }
                next = waiting.poll();
                running++;
            }
            observer.waited(nanoTime.get() - next.since());
            if (!next.granted().complete(new Given())) {
                release(); // the waiter gave up (its future was completed by someone else)
                return;
            }
        }
    }

    private static int requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a concurrency limit must be at least 1, got " + limit);
        }
        return limit;
    }

    private final class Given implements Slot {
        private final AtomicBoolean open = new AtomicBoolean(true);

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                release();
            }
        }
    }
}
