package io.genfleet.e2e;

import io.genfleet.e2e.load.Ledger;
import io.genfleet.e2e.verify.AggregatorApi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks the aggregator for the summaries of known batches, over and over, while it is killed and restored, and
 * keeps every answer that a client must never get: a 404 for a batch it knew, a 503 without {@code Retry-After},
 * a total other than the ledger's, or fewer terminal items than it had already shown (stale or zero counts).
 */
final class AggregatorWatch implements AutoCloseable {

    private final AggregatorApi api;
    private final List<Ledger.Accepted> batches;
    private final Map<String, Integer> terminalSeen = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private int ok;
    private int unavailable;
    private int noAnswer;

    AggregatorWatch(AggregatorApi api, List<Ledger.Accepted> batches) {
        this.api = api;
        this.batches = List.copyOf(batches);
        this.thread = new Thread(this::run, "e2e-aggregator-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        int next = 0;
        while (running.get()) {
            Ledger.Accepted batch = batches.get(next++ % batches.size());
            record(batch, api.ask(batch.batchId()));
            try {
                // Paces the questions (about 10 per second); this thread only observes.
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void record(Ledger.Accepted batch, AggregatorApi.Answer answer) {
        switch (answer.status()) {
            case 0 -> noAnswer++;
            case 503 -> {
                unavailable++;
                if (answer.retryAfter().isEmpty()) {
                    violation(batch, "503 without Retry-After");
                }
            }
            case 200 -> {
                ok++;
                AggregatorApi.Summary summary = answer.summary().orElseThrow();
                if (summary.total() != batch.itemKeys().size()) {
                    violation(batch, "total " + summary.total() + ", the ledger says " + batch.itemKeys().size());
                }
                int before = terminalSeen.getOrDefault(batch.batchId(), 0);
                if (summary.terminal() < before) {
                    violation(batch, summary.terminal() + " terminal after " + before + " had been shown");
                }
                terminalSeen.merge(batch.batchId(), summary.terminal(), Math::max);
            }
            default -> violation(batch, "HTTP " + answer.status());
        }
    }

    private void violation(Ledger.Accepted batch, String what) {
        if (violations.size() < 20) {
            violations.add(batch.batchId() + ": " + what);
        }
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    synchronized int unavailable() {
        return unavailable;
    }

    synchronized String summary() {
        return "API watched: " + ok + " x 200, " + unavailable + " x 503, " + noAnswer + " x no answer, "
                + violations.size() + " wrong";
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }
}
