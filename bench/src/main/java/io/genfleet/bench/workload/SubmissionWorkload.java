package io.genfleet.bench.workload;

import io.genfleet.bench.fleet.BenchFleet;
import io.genfleet.bench.fleet.FleetShape;
import io.genfleet.bench.fleet.Storyboards;
import io.genfleet.bench.report.Measurement;
import io.genfleet.bench.report.Stats;
import io.genfleet.bench.report.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * W6: the submission path. First one client submits 200-item storyboards one after another (time from request to
 * the 202 answer); then {@value #CLIENTS} clients submit such storyboards as fast as they can for
 * a few seconds (accepted items per second). In W6 the whole fleet works the accepted items meanwhile, on the same
 * cores, as {@code serve} does; W6P runs a producer alone, as one producer pod of a deployed fleet.
 */
public final class SubmissionWorkload implements Workload {

    static final int ITEMS_PER_STORYBOARD = 200;
    static final int CLIENTS = 8;
    /** Submissions before the timed ones, so that the first timed one does not open the connection. */
    private static final int UNTIMED = 20;

    private final int sequentialSubmissions;
    private final Duration concurrentPhase;
    private final boolean producerAlone;

    /** @param producerAlone a producer process alone (W6P): nothing works the accepted items off in the process */
    public SubmissionWorkload(int sequentialSubmissions, Duration concurrentPhase, boolean producerAlone) {
        this.sequentialSubmissions = sequentialSubmissions;
        this.concurrentPhase = concurrentPhase;
        this.producerAlone = producerAlone;
    }

    @Override
    public String id() {
        return producerAlone ? "W6P" : "W6";
    }

    @Override
    public String title() {
        return producerAlone ? "submission, producer alone" : "submission";
    }

    @Override
    public FleetShape shape() {
        return producerAlone ? FleetShape.PRODUCER_ALONE : FleetShape.WHOLE_FLEET;
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("items_per_storyboard", ITEMS_PER_STORYBOARD);
        parameters.put("sequential_submissions", sequentialSubmissions);
        parameters.put("concurrent_clients", CLIENTS);
        parameters.put("concurrent_phase_s", concurrentPhase.toSeconds());
        return parameters;
    }

    @Override
    public Map<String, String> fleetSettings() {
        return OverheadWorkload.NO_OP_PROVIDER;
    }

    @Override
    public Measurement run(BenchFleet fleet, RunEnvironment environment) {
        for (int i = 0; i < UNTIMED; i++) {
            fleet.api().submit(Storyboards.shots("w6-untimed-" + i, ITEMS_PER_STORYBOARD, null));
        }
        List<Double> acceptMs = new ArrayList<>(sequentialSubmissions);
        for (int i = 0; i < sequentialSubmissions; i++) {
            Object storyboard = Storyboards.shots("w6-seq-" + i, ITEMS_PER_STORYBOARD, null);
            long started = System.nanoTime();
            fleet.api().submit(storyboard);
            acceptMs.add((System.nanoTime() - started) / 1e6);
        }
        AtomicLong accepted = new AtomicLong();
        long started = System.nanoTime();
        long deadline = started + concurrentPhase.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS, task -> new Thread(task, "bench-client"));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                String prefix = "w6-c" + client + "-";
                running.add(clients.submit(() -> {
                    for (int i = 0; System.nanoTime() < deadline; i++) {
                        fleet.api().submit(Storyboards.shots(prefix + i, ITEMS_PER_STORYBOARD, null));
                        accepted.addAndGet(ITEMS_PER_STORYBOARD);
                    }
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a client's submission failed: " + e.getCause(), e.getCause());
        } finally {
            clients.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Measurement()
                .put("accept_p50_ms", Stats.percentile(acceptMs, 50))
                .put("accept_p99_ms", Stats.percentile(acceptMs, 99))
                .put("concurrent_items_per_s", accepted.get() / seconds)
                .put("concurrent_accepted", accepted.get());
    }

    @Override
    public List<Target> targets() {
        return List.of(Target.atMost("accept_p50_ms", 30), Target.atLeast("concurrent_items_per_s", 20_000));
    }

    @Override
    public List<String> notes(RunEnvironment environment) {
        return List.of("accept_*: one client, " + ITEMS_PER_STORYBOARD + "-item storyboards one after another, "
                        + "POST /api/batches to its 202 (the JSON body built before the clock starts)",
                "concurrent_items_per_s: " + CLIENTS + " clients for " + concurrentPhase.toSeconds()
                        + " s, items in 202 answers per second; " + (producerAlone
                        ? "a producer process alone (and the broker, when embedded): nothing works the items off"
                        : "the whole fleet works the items on the same cores meanwhile"));
    }
}
