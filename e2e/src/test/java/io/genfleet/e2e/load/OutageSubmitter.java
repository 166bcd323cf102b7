package io.genfleet.e2e.load;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps submitting small batches (10 items), two per second, while a fault is injected, without waiting for earlier
 * answers (a client does not know the broker is gone): each answer goes to the ledger, so the verifier can check
 * that what was accepted during the outage is not lost, and that what was refused was refused with 503 and
 * {@code Retry-After}. At most {@value #IN_FLIGHT} requests are open at a time; a tick with no free slot is skipped.
 */
public final class OutageSubmitter implements AutoCloseable {

    public static final String SMALL_BATCH = Storyboards.of(5, 1, null);
    static final int IN_FLIGHT = 8;

    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(daemon("e2e-outage-tick"));
    private final ThreadPoolExecutor requests = new ThreadPoolExecutor(IN_FLIGHT, IN_FLIGHT, 1, TimeUnit.MINUTES,
            new SynchronousQueue<>(), daemon("e2e-outage-request"), new ThreadPoolExecutor.DiscardPolicy());
    private final AtomicInteger sent = new AtomicInteger();

    public OutageSubmitter(Submitter submitter, String caseId) {
        ticks.scheduleAtFixedRate(() -> requests.execute(() -> {
            sent.incrementAndGet();
            submitter.submit(caseId, SMALL_BATCH);
        }), 0, 500, TimeUnit.MILLISECONDS);
    }

    public int sent() {
        return sent.get();
    }

    /** Stops submitting and waits for the answers of the requests still open. */
    @Override
    public void close() throws InterruptedException {
        ticks.shutdownNow();
        requests.shutdown();
        if (!requests.awaitTermination(90, TimeUnit.SECONDS)) {
            throw new IllegalStateException("requests still open 90 s after the outage load stopped");
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
