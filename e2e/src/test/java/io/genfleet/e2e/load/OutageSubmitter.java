package io.genfleet.e2e.load;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps submitting small batches (10 items) in the background while a fault is injected: each answer goes to the
 * ledger, so the verifier can check that what was accepted during the outage is not lost, and that what was
 * refused was refused with 503 and {@code Retry-After}.
 */
public final class OutageSubmitter implements AutoCloseable {

    public static final String SMALL_BATCH = Storyboards.of(5, 1, null);

    private final Submitter submitter;
    private final String caseId;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger answers = new AtomicInteger();
    private final Thread thread;

    public OutageSubmitter(Submitter submitter, String caseId) {
        this.submitter = submitter;
        this.caseId = caseId;
        this.thread = new Thread(this::run, "e2e-outage-submitter");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running.get()) {
            submitter.submit(caseId, SMALL_BATCH);
            answers.incrementAndGet();
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    public int answers() {
        return answers.get();
    }

    /** Stops after the submission in progress has its answer. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(90_000);
    }
}
