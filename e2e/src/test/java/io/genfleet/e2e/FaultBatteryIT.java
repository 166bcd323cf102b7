package io.genfleet.e2e;

import static io.genfleet.e2e.Battery.pause;
import static io.genfleet.e2e.Battery.since;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.genfleet.common.client.GenfleetApi;
import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.Lane;
import io.genfleet.e2e.load.Ledger;
import io.genfleet.e2e.load.OutageSubmitter;
import io.genfleet.e2e.load.Storyboards;
import io.genfleet.e2e.report.ResultRow;
import io.genfleet.e2e.rig.E2eSettings;
import io.genfleet.e2e.rig.Fleet;
import io.genfleet.e2e.rig.ManagedProcess;
import io.genfleet.e2e.rig.ServiceNode;
import io.genfleet.e2e.rig.Signal;
import io.genfleet.e2e.verify.AggregatorApi;
import io.genfleet.e2e.verify.CallLog;
import io.genfleet.e2e.verify.InFlight;
import io.genfleet.e2e.verify.QueuedRequests;
import io.genfleet.e2e.verify.Verdict;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fault battery: one fleet of real processes (broker, aggregator, two workers, producer), one case after the
 * other, each with its own load and its own fault, each held to the ledger by the verifier. Process faults are in
 * this class; Kafka-level faults (poison records, replays, hanging calls) are in {@link DataFaultCases} — the same
 * fleet runs both, in case order.
 *
 * <p>Every case asserts the same invariants: every item the producer accepted (202) ends terminal exactly once in
 * the aggregate and in the status topic, and the counts equal the ledger. Duplicate provider calls are counted by
 * idempotency key and attempt, and bounded by what the fault could have caused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultBatteryIT {

    private final E2eSettings settings = E2eSettings.fromSystemProperties();
    /** Calls in flight per worker in case 9: 2 workers x 10 calls of 800 ms work 25 items/s off, 600+ items wait. */
    private static final int BACKLOG_IN_FLIGHT = 10;
    private static final List<String> BACKLOG_WORKER_ARGS =
            List.of("--genfleet.worker.max-in-flight=" + BACKLOG_IN_FLIGHT);

    private Battery battery;
    private DataFaultCases dataFaults;

    @BeforeAll
    void startFleet() {
        long starting = System.nanoTime();
        battery = new Battery(settings);
        dataFaults = new DataFaultCases(battery);
        System.out.printf("E2E fleet ready in %d s: broker %s, %d items per case, cases %s%n",
                Duration.ofNanos(System.nanoTime() - starting).toSeconds(), battery.fleet.bootstrapServers(),
                settings.items(), settings.cases().isEmpty() ? "all" : settings.cases());
    }

    @BeforeEach
    void healFleet(TestInfo test) {
        int caseNumber = test.getTestMethod().orElseThrow().getAnnotation(Order.class).value();
        if (settings.runs(caseNumber)) {
            System.out.println("E2E ---- case " + caseNumber + ": " + test.getDisplayName());
            battery.heal();
        }
    }

    @AfterAll
    void printTable() throws Exception {
        if (battery == null) {
            return;
        }
        String title = "Fault battery: " + settings.items() + " items per case, 2 workers, battery took "
                + since(battery.started).toSeconds() + " s";
        System.out.println(battery.table.render(title));
        battery.table.write(settings.work().resolve("results.md"), title);
        battery.close();
    }

    private void runs(int caseNumber) {
        assumeTrue(settings.runs(caseNumber), "case " + caseNumber + " is not selected (e2e.cases)");
    }

    @Test
    @Order(0)
    void baselineWithoutAFaultLosesNothingAndRepeatsNoCall() {
        runs(0);
        Instant start = Instant.now();
        battery.submitter.load("0", settings.items(), Storyboards.standard());
        battery.verifier.awaitDone("0", Battery.DRAIN_LIMIT);
        Duration drain = since(start);
        Verdict verdict = battery.verifier.verify("0");
        List<CallLog.Call> calls = battery.callsOf("0");
        int duplicates = CallLog.duplicateCount(calls);
        battery.row("0", "none (baseline)", verdict, Integer.toString(duplicates), "-", drain,
                String.format("%d provider calls, %.0f items/s end to end", calls.size(),
                        verdict.accepted() / (drain.toMillis() / 1000.0)));
        // Expected: every accepted item terminal exactly once, counts equal to the ledger.
        assertThat(verdict.clean()).as(verdict.toString()).isTrue();
        // Expected: without a fault no call is ever repeated.
        assertThat(duplicates).as("repeated provider calls without a fault").isZero();

        // A control: a batch the ledger holds but the fleet never saw must be reported lost, item by item.
        battery.ledger.accepted(new Ledger.Accepted("0-control", "e2e-never-submitted",
                List.of("scene_0", "scene_0_shot_0", "video_scene_0"), Instant.now(), Instant.now()));
        Verdict control = battery.verifier.verify("0-control");
        // Expected: 3 of 3 lost.
        assertThat(control.lost()).as("items of a batch that was never submitted, as the verifier sees them")
                .isEqualTo(3);

        // The producer jar took its keys from GENFLEET_API_KEYS (every submission above sent one): without a key,
        // or with another one, a submission is refused.
        assertThat(producerAnswer(null)).as("a submission without a key").isEqualTo(401);
        assertThat(producerAnswer("e2e-not-the-key-0123456789")).as("a submission with a wrong key").isEqualTo(401);
    }

    private int producerAnswer(String apiKey) {
        try {
            return new GenfleetApi(URI.create(battery.fleet.producer().url("")), apiKey, Duration.ofSeconds(30))
                    .submit(Storyboards.standard()).status();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(1)
    void workerKilledMidBatchLosesNothingAndRepeatsOnlyWhatItHadInFlight() {
        runs(1);
        battery.submitter.load("1", settings.items(), Storyboards.standard());
        battery.awaitProgress("1", 0.3);
        ServiceNode victim = battery.fleet.worker("worker-1");
        String killedIncarnation = victim.name() + "-" + victim.process().incarnation();
        double progressAtKill = battery.verifier.progress("1");
        Instant killed = Instant.now();
        victim.process().signal(Signal.KILL);
        InFlight.Snapshot atKill = InFlight.capture(battery.fleet.probe());
        victim.process().awaitExit(Duration.ofSeconds(10));
        pause(Duration.ofSeconds(5));
        victim.process().start();
        victim.awaitReady(Duration.ofMinutes(3));
        battery.fleet.probe().awaitWorkerGroupsStable(2, Duration.ofMinutes(3));
        Duration regrouped = since(killed);
        battery.verifier.awaitDone("1", Battery.DRAIN_LIMIT);
        Duration drain = since(killed);

        Verdict verdict = battery.verifier.verify("1");
        List<CallLog.Call> calls = battery.callsOf("1");
        Map<CallLog.CallKey, Integer> duplicates = CallLog.duplicates(calls);
        int duplicateCount = duplicates.values().stream().mapToInt(Integer::intValue).sum();
        Set<CallLog.CallKey> inFlight = InFlight.resolve(atKill, calls, killedIncarnation::equals,
                battery.fleet.bootstrapServers());
        Set<CallLog.CallKey> chained = InFlight.retryChainsOf(inFlight, duplicates.keySet());
        battery.row("1", "worker kill -9 at 30%, restart after 5 s", verdict,
                duplicateCount + " (in flight at the kill: " + inFlight.size()
                        + (chained.isEmpty() ? "" : "; next attempts of repeated failures: " + chained.size()) + ")",
                ResultRow.seconds(regrouped) + " until every worker group is stable again", drain,
                "killed at " + pct(progressAtKill) + " terminal");
        // Expected: nothing lost, nothing counted twice, despite the lost worker and its uncommitted offsets.
        assertThat(verdict.clean()).as(verdict.toString()).isTrue();
        // Expected: at-least-once repeats only calls the killed worker had made for records it had not committed,
        // and, where such a repeated attempt failed again and was forwarded again, the next attempts of that item.
        Set<CallLog.CallKey> priceOfTheKill = new HashSet<>(inFlight);
        priceOfTheKill.addAll(chained);
        assertThat(duplicates.keySet()).as("repeated calls outside the killed worker's in-flight records")
                .isSubsetOf(priceOfTheKill);
        assertThat(chained.size()).as("next attempts repeated because a repeated attempt failed again")
                .isLessThanOrEqualTo(inFlight.size() * 3);
        assertThat(duplicates.values()).as("a call repeated more than once").allMatch(count -> count == 1);
    }

    @Test
    @Order(2)
    void workerStoppedMidBatchDrainsWithinItsGracePeriodAndRepeatsNoCall() {
        runs(2);
        battery.submitter.load("2", settings.items(), Storyboards.standard());
        battery.awaitProgress("2", 0.3);
        ServiceNode victim = battery.fleet.worker("worker-2");
        Instant stopping = Instant.now();
        victim.process().signal(Signal.TERM);
        int exitCode = victim.process().awaitExit(Fleet.WORKER_GRACE_PERIOD.plusSeconds(30));
        Duration stopped = since(stopping);
        // Back to two workers: a rejoin after a clean leave must not repeat anything either.
        victim.process().start();
        victim.awaitReady(Duration.ofMinutes(3));
        battery.fleet.probe().awaitWorkerGroupsStable(2, Duration.ofMinutes(3));
        battery.verifier.awaitDone("2", Battery.DRAIN_LIMIT);
        Duration drain = since(stopping);

        Verdict verdict = battery.verifier.verify("2");
        int duplicates = CallLog.duplicateCount(battery.callsOf("2"));
        battery.row("2", "worker SIGTERM at 30%, restarted after it exited", verdict, Integer.toString(duplicates),
                ResultRow.seconds(stopped) + " to drain and exit (grace " + Fleet.WORKER_GRACE_PERIOD.toSeconds()
                        + " s)", drain, "exit code " + exitCode);
        // Expected: the worker finished its generations in progress and left within its grace period.
        assertThat(exitCode).as("exit code of a worker stopped with SIGTERM (-1: still running)").isNotNegative();
        assertThat(stopped).as("time from SIGTERM to exit").isLessThan(Fleet.WORKER_GRACE_PERIOD);
        // Expected: nothing lost, nothing counted twice.
        assertThat(verdict.clean()).as(verdict.toString()).isTrue();
        // Expected: a clean leave commits what was generated, so no call is ever repeated.
        assertThat(duplicates).as("repeated provider calls after a graceful stop").isZero();
    }

    @Test
    @Order(3)
    void brokerKilledAndRestartedLosesNothingAcceptedAndRefusesWithRetryAfterMeanwhile() throws Exception {
        runs(3);
        brokerOutage("3", "broker kill -9 at 30%, restart after 10 s", Signal.KILL, Duration.ofSeconds(10));
    }

    @Test
    @Order(4)
    void brokerPausedLosesNothingAcceptedAndEveryServiceIsReadyAgain() throws Exception {
        runs(4);
        brokerOutage("4", "broker SIGSTOP at 30% for 20 s, SIGCONT", Signal.STOP, Duration.ofSeconds(20));
    }

    private void brokerOutage(String caseId, String injected, Signal fault, Duration outage) throws Exception {
        battery.submitter.load(caseId, settings.items(), Storyboards.standard());
        battery.awaitProgress(caseId, 0.3);
        Map<String, Integer> incarnations = incarnations();
        Instant injectedAt;
        Instant over;
        Duration recovered;
        try (OutageSubmitter outageLoad = new OutageSubmitter(battery.submitter, caseId)) {
            pause(Duration.ofSeconds(2));
            injectedAt = Instant.now();
            battery.fleet.broker().process().signal(fault);
            if (fault == Signal.KILL) {
                battery.fleet.broker().process().awaitExit(Duration.ofSeconds(10));
            }
            pause(outage);
            over = Instant.now();
            if (fault == Signal.KILL) {
                battery.fleet.broker().process().start();
            } else {
                battery.fleet.broker().process().signal(Signal.CONT);
            }
            battery.fleet.broker().awaitReady(battery.fleet.admin(), Duration.ofMinutes(2));
            // Recovered: every service ready again AND the producer accepting again, without restarting anything.
            battery.fleet.services().forEach(service -> service.awaitReady(Duration.ofMinutes(3)));
            await().alias("the producer accepts a batch again").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> battery.ledger.batches(caseId).stream().anyMatch(batch -> batch.sent().isAfter(over)));
            recovered = since(over);
        }
        battery.verifier.awaitDone(caseId, Battery.DRAIN_LIMIT);
        Duration drain = since(injectedAt);

        Verdict verdict = battery.verifier.verify(caseId);
        List<Ledger.Refused> refusals = battery.ledger.refusals(caseId);
        List<Ledger.Refused> improper = refusals.stream().filter(refusal -> !refusal.isRetryLater()).toList();
        Instant recoveredAt = over.plus(recovered);
        long acceptedDuring = battery.ledger.batches(caseId).stream()
                .filter(batch -> !batch.sent().isBefore(injectedAt) && batch.sent().isBefore(recoveredAt)).count();
        long refusedDuring = refusals.stream()
                .filter(refusal -> !refusal.sent().isBefore(injectedAt) && refusal.sent().isBefore(recoveredAt)).count();
        int duplicates = CallLog.duplicateCount(battery.callsOf(caseId));
        battery.row(caseId, injected, verdict, Integer.toString(duplicates),
                ResultRow.seconds(recovered) + " until all ready and accepting", drain,
                "requests sent during the outage: " + acceptedDuring + " accepted (202 after the commit), "
                        + refusedDuring + " refused; all refusals: " + refusals.size() + ", "
                        + (refusals.size() - improper.size()) + " of them 503 + Retry-After");
        // Expected: nothing accepted is lost, nothing counted twice.
        assertThat(verdict.clean()).as(verdict.toString()).isTrue();
        // Expected: whatever was not accepted was refused with 503 and Retry-After: never another error, never silence.
        assertThat(improper).as("refusals other than 503 with Retry-After").isEmpty();
        // Expected: the services rode out the outage in their processes: no restart, none died.
        assertThat(incarnations()).as("service incarnations (a restart would increase one)").isEqualTo(incarnations);
    }

    private Map<String, Integer> incarnations() {
        Map<String, Integer> incarnations = new TreeMap<>();
        battery.fleet.services().stream().filter(service -> service.process().isAlive())
                .forEach(service -> incarnations.put(service.name(), service.process().incarnation()));
        return incarnations;
    }

    @Test
    @Order(5)
    void aggregatorKilledRestoresCountsIdenticalToTheLedgerAndNeverAnswersStaleZeros() throws Exception {
        runs(5);
        battery.submitter.load("5", settings.items(), Storyboards.standard());
        battery.awaitProgress("5", 0.3);
        battery.verifier.awaitKnown("5", Duration.ofMinutes(1));
        ServiceNode aggregator = battery.fleet.aggregator();
        try (AggregatorWatch watch = new AggregatorWatch(battery.api, battery.ledger.batches("5"))) {
            // 5a: kill -9, restart on the same state directory.
            Instant killed = Instant.now();
            aggregator.process().signal(Signal.KILL);
            aggregator.process().awaitExit(Duration.ofSeconds(10));
            pause(Duration.ofSeconds(5));
            Instant restarted = Instant.now();
            aggregator.process().start();
            StartPhases restore = StartPhases.measure(aggregator, restarted, Duration.ofMinutes(3));
            battery.verifier.awaitDone("5", Battery.DRAIN_LIMIT);
            Duration drain = since(killed);
            Verdict verdict = battery.verifier.verify("5");
            battery.row("5a", "aggregator kill -9 at 30%, restart after 5 s on its state dir", verdict,
                    Integer.toString(CallLog.duplicateCount(battery.callsOf("5"))),
                    ResultRow.seconds(restore.ready()) + " from restart to answering", drain,
                    restore + "; " + watch.summary());
            // Expected: counts identical to the ledger after the restart.
            assertThat(verdict.clean()).as(verdict.toString()).isTrue();

            // 5b: kill -9 again, delete the state directory, restart: the stores are rebuilt from their changelogs.
            Instant killedAgain = Instant.now();
            aggregator.process().signal(Signal.KILL);
            aggregator.process().awaitExit(Duration.ofSeconds(10));
            Fleet.delete(battery.fleet.aggregatorStateDir());
            Instant restartedAgain = Instant.now();
            aggregator.process().start();
            StartPhases rebuild = StartPhases.measure(aggregator, restartedAgain, Duration.ofMinutes(3));
            battery.verifier.awaitDone("5", Battery.DRAIN_LIMIT);
            Verdict rebuilt = battery.verifier.verify("5");
            battery.row("5b", "aggregator kill -9 after the batch, state dir deleted, restart", rebuilt,
                    Integer.toString(CallLog.duplicateCount(battery.callsOf("5"))),
                    ResultRow.seconds(rebuild.ready()) + " from restart to answering (full restore)",
                    since(killedAgain), rebuild + "; " + watch.summary());
            // Expected: counts identical to the ledger when rebuilt from nothing but the changelogs.
            assertThat(rebuilt.clean()).as(rebuilt.toString()).isTrue();
            // Expected: while down or restoring the API answers 503 with Retry-After (or nothing: the process is
            // gone), never a 404 for a known batch, never a total other than the ledger's, never fewer terminal
            // items than it had already shown.
            assertThat(watch.violations()).as("stale or wrong answers while restoring").isEmpty();
            assertThat(watch.unavailable()).as("503 answers seen while restoring (the watch must see the outage)")
                    .isPositive();
        }
    }

    @Test
    @Order(6)
    void poisonRecordsLandInDeadLetterTopicsWithTheirReasonAndValidItemsAreUnaffected() throws Exception {
        runs(6);
        dataFaults.poisonRecords();
    }

    @Test
    @Order(7)
    void replayedRequestsAndRepeatedStatusEventsChangeNoCount() throws Exception {
        runs(7);
        dataFaults.duplicates();
    }

    @Test
    @Order(8)
    void hangingProviderCallsAreCutAtTheTimeoutAndRetriedWithoutEvictingAConsumer() {
        runs(8);
        dataFaults.hangingProvider();
    }

    @Test
    @Order(9)
    void scalingOutAndInMidBatchThenRetryingAllFailedLosesNothingAndRepeatsNoCall() throws IOException {
        runs(9);
        // Six items that fail all four attempts of their first epoch, so the case's last step, "retry all failed",
        // always has work (the fleet's failure rate alone leaves a failed_permanent item only now and then).
        Ledger.Accepted alwaysFailing = battery.submitter.submit("9", Storyboards.withIndependentVideos(2, 2, Map.of("failTimes", 4)))
                .orElseThrow(() -> new IllegalStateException("the producer refused case 9's failing batch"));
        startBackloggedWorkers();
        // Slower calls (800 ms) and at least 600 items on workers that hold 10 calls each: a backlog of records not
        // yet fetched that outlasts a worker JVM's start-up (10-40 s here), so the third worker joins mid-batch and
        // takes partitions that still have work, as a scale-out on consumer lag does.
        battery.submitter.load("9", Math.max(600, settings.items()), Storyboards.of(20, 4, Map.of("latencyMs", 800)));
        battery.awaitProgress("9", 0.3);
        double atStart = battery.verifier.progress("9");
        Instant scaleOut = Instant.now();
        ServiceNode third = battery.fleet.workerOrNew("worker-3", BACKLOG_WORKER_ARGS);
        third.process().start();
        third.awaitReady(Duration.ofMinutes(3));
        battery.fleet.probe().awaitWorkerGroupsStable(3, Duration.ofMinutes(3));
        Duration joined = since(scaleOut);
        double atJoin = battery.verifier.progress("9");
        battery.awaitProgress("9", Math.min(0.95, Math.max(0.6, atJoin + 0.1)));
        double atLeave = battery.verifier.progress("9");
        Instant scaleIn = Instant.now();
        third.process().signal(Signal.TERM);
        int exitCode = third.process().awaitExit(Fleet.WORKER_GRACE_PERIOD.plusSeconds(30));
        battery.fleet.probe().awaitWorkerGroupsStable(2, Duration.ofMinutes(3));
        Duration left = since(scaleIn);
        battery.verifier.awaitDone("9", Battery.DRAIN_LIMIT);
        Duration drain = since(scaleOut);

        Verdict verdict = battery.verifier.verify("9");
        List<CallLog.Call> calls = battery.callsOf("9");
        int duplicates = CallLog.duplicateCount(calls);
        long byThird = calls.stream().filter(call -> call.source().startsWith("worker-3")).count();
        battery.row("9", BACKLOG_IN_FLIGHT + " calls in flight per worker; third worker started at " + pct(atStart) + ", SIGTERM at " + pct(atLeave), verdict,
                Integer.toString(duplicates), ResultRow.seconds(joined) + " to join (JVM start + rebalance), "
                        + ResultRow.seconds(left) + " to leave", drain,
                "joined at " + pct(atJoin) + ", " + byThird + " calls by the third worker, exit code " + exitCode);
        // Expected: nothing lost, nothing counted twice while partitions moved twice.
        assertThat(verdict.clean()).as(verdict.toString()).isTrue();
        // Expected: the third worker really took a share of the work.
        assertThat(byThird).as("provider calls made by the third worker").isPositive();
        // Expected: a graceful join and leave commit what was generated before partitions move: no call repeated.
        assertThat(duplicates).as("repeated provider calls after scaling out and in").isZero();

        retryAllFailed("9", alwaysFailing);
    }

    /**
     * Case 9's workers: the two standard ones stopped gracefully (they finish what they hold), and two that each
     * hold {@link #BACKLOG_IN_FLIGHT} calls in their place. With the default 1,000 per worker the whole load would be
     * in flight at once and done before a third worker's JVM has started. The next case's heal puts the standard
     * workers back.
     */
    private void startBackloggedWorkers() {
        for (String name : Fleet.STANDARD_WORKERS) {
            ManagedProcess standard = battery.fleet.worker(name).process();
            standard.signal(Signal.TERM);
            standard.awaitExit(Fleet.WORKER_GRACE_PERIOD.plusSeconds(30));
        }
        List<ServiceNode> backlogged = new ArrayList<>();
        for (String name : List.of("worker-backlog-1", "worker-backlog-2")) {
            ServiceNode worker = battery.fleet.workerOrNew(name, BACKLOG_WORKER_ARGS);
            worker.process().start();
            backlogged.add(worker);
        }
        backlogged.forEach(worker -> worker.awaitReady(Duration.ofMinutes(3)));
        battery.fleet.probe().awaitWorkerGroupsStable(2, Duration.ofMinutes(3));
    }

    /**
     * Case 9's last step, on the two workers left after the scale-in: "retry all failed" on every batch of the case
     * once all of it is terminal, called twice in a row.
     */
    private void retryAllFailed(String caseId, Ledger.Accepted alwaysFailing) throws IOException {
        Map<String, Set<String>> failedBefore = new TreeMap<>();
        for (Ledger.Accepted batch : battery.ledger.batches(caseId)) {
            failedBefore.put(batch.batchId(), battery.api.items(batch.batchId()).orElseThrow().stream()
                    .filter(item -> item.status().equals("failed_permanent")).map(AggregatorApi.Item::itemKey)
                    .collect(Collectors.toSet()));
        }
        Instant start = Instant.now();
        Map<String, Set<String>> requeued = new TreeMap<>();
        int requeuedAgain = 0;
        for (Ledger.Accepted batch : battery.ledger.batches(caseId)) {
            requeued.put(batch.batchId(), Set.copyOf(battery.submitter.retryFailed(batch.batchId()).items()));
            requeuedAgain += battery.submitter.retryFailed(batch.batchId()).requeued();
        }
        Set<String> requeuedIds = requeued.entrySet().stream()
                .flatMap(batch -> batch.getValue().stream().map(key -> batch.getKey() + "/" + key))
                .collect(Collectors.toSet());
        // The status topic must show every requeued item past its first epoch before "all terminal" means anything.
        await().alias(caseId + ": every requeued item terminal again in a later epoch").atMost(Battery.DRAIN_LIMIT)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> battery.view.snapshot(requeuedIds).values().stream()
                        .filter(state -> state.epoch() >= 1 && state.status().isTerminal()).count()
                        == requeuedIds.size());
        battery.verifier.awaitDone(caseId, Battery.DRAIN_LIMIT);
        Duration drain = since(start);

        Verdict verdict = battery.verifier.verify(caseId);
        List<AggregatorApi.Item> retried = battery.api.items(alwaysFailing.batchId()).orElseThrow();
        battery.row(caseId + "r", "retry all failed after the scale-in, twice in a row", verdict,
                Integer.toString(CallLog.duplicateCount(battery.callsOf(caseId))), "-", drain,
                "requeued " + requeuedIds.size() + " failed_permanent items, the second call " + requeuedAgain);
        // Expected: the requeued items are terminal again, still exactly once; counts equal to the ledger.
        assertThat(verdict.clean()).as(verdict.toString()).isTrue();
        // Expected: exactly the failed_permanent items were requeued, the six always-failing ones among them.
        assertThat(requeued).as("requeued items per batch").isEqualTo(failedBefore);
        assertThat(failedBefore.get(alwaysFailing.batchId())).as("always-failing items requeued")
                .containsExactlyInAnyOrderElementsOf(alwaysFailing.itemKeys());
        // Expected: running it twice in a row requeues nothing the second time.
        assertThat(requeuedAgain).as("items requeued by the second call").isZero();
        // Expected: an item that failed its four attempts of epoch 0 completes on the first attempt of epoch 1.
        assertThat(retried).as("the always-failing batch after retry-failed").hasSize(6).allSatisfy(item -> {
            assertThat(item.status()).isEqualTo("complete");
            assertThat(item.epoch()).isEqualTo(1);
            assertThat(item.attempt()).isEqualTo(1);
        });
    }

    @Test
    @Order(10)
    void workerAndAggregatorKilledDuringADependentBatchQueueEachVideoOncePerEpoch() {
        runs(10);
        // Never-failing items of 300 ms: one attempt per item epoch, so every video is queued once by its release and
        // called once, plus what the worker kill repeats; slow enough for both kills to land mid-batch.
        battery.submitter.load("10", settings.items(), Storyboards.of(20, 4, Map.of("failTimes", 0, "latencyMs", 300)));
        battery.awaitProgress("10", 0.3);
        ServiceNode worker = battery.fleet.worker("worker-1");
        ServiceNode aggregator = battery.fleet.aggregator();
        String killedIncarnation = worker.name() + "-" + worker.process().incarnation();
        double atWorkerKill = battery.verifier.progress("10");
        Instant killed = Instant.now();
        worker.process().signal(Signal.KILL);
        InFlight.Snapshot inFlightAtKill = InFlight.capture(battery.fleet.probe());
        worker.process().awaitExit(Duration.ofSeconds(10));
        // The aggregator dies while the worker is down, mid-release: the images completing meanwhile are the ones
        // whose videos it must release exactly once after its restore.
        battery.awaitProgress("10", Math.min(0.9, atWorkerKill + 0.15));
        double atAggregatorKill = battery.verifier.progress("10");
        aggregator.process().signal(Signal.KILL);
        aggregator.process().awaitExit(Duration.ofSeconds(10));
        pause(Duration.ofSeconds(5));
        aggregator.process().start();
        worker.process().start();
        aggregator.awaitReady(Duration.ofMinutes(3));
        worker.awaitReady(Duration.ofMinutes(3));
        battery.fleet.probe().awaitWorkerGroupsStable(2, Duration.ofMinutes(3));
        Duration recovered = since(killed);
        battery.verifier.awaitDone("10", Battery.DRAIN_LIMIT);
        Duration drain = since(killed);

        Verdict verdict = battery.verifier.verify("10");
        List<String> batchIds = battery.ledger.batchIds("10").stream().toList();
        Map<String, Integer> expectedQueued = new TreeMap<>();
        for (Ledger.Accepted batch : battery.ledger.batches("10")) {
            batch.itemKeys().stream().filter(key -> key.startsWith("video_"))
                    .forEach(key -> expectedQueued.put(ItemId.of(batch.batchId(), key).idempotencyKey(0), 1));
        }
        Map<String, Integer> queued = new TreeMap<>(QueuedRequests.count(battery.fleet.probe(),
                battery.fleet.bootstrapServers(), Lane.VIDEO, batchIds));
        List<CallLog.Call> calls = battery.callsOf("10");
        Map<CallLog.CallKey, Integer> duplicates = CallLog.duplicates(calls);
        Set<CallLog.CallKey> inFlight = InFlight.resolve(inFlightAtKill, calls, killedIncarnation::equals,
                battery.fleet.bootstrapServers());
        List<CallLog.Call> videoCalls = calls.stream().filter(call -> call.idempotencyKey().contains("/video_"))
                .toList();
        long repeatedVideoCalls = duplicates.entrySet().stream()
                .filter(entry -> entry.getKey().idempotencyKey().contains("/video_"))
                .mapToInt(Map.Entry::getValue).sum();
        battery.row("10", "worker kill -9 at " + pct(atWorkerKill) + ", aggregator kill -9 at "
                        + pct(atAggregatorKill) + ", both restarted after 5 s", verdict,
                duplicates.values().stream().mapToInt(Integer::intValue).sum() + " (in flight at the worker kill: "
                        + inFlight.size() + ")",
                ResultRow.seconds(recovered) + " until both are back and the worker groups stable", drain,
                expectedQueued.size() + " videos, queued " + queued.values().stream().mapToInt(Integer::intValue).sum()
                        + " times, " + videoCalls.size() + " video calls (" + repeatedVideoCalls + " repeated)");
        // Expected: nothing lost, nothing counted twice.
        assertThat(verdict.clean()).as(verdict.toString()).isTrue();
        // Expected: each video released (queued on its lane) exactly once in epoch 0, although the aggregator that
        // releases it was killed and restored mid-batch.
        assertThat(queued).as("video requests queued per item epoch").isEqualTo(expectedQueued);
        // Expected: a video is called again only where the killed worker had it in flight (at-least-once's price);
        // no attempt is repeated twice.
        assertThat(duplicates.keySet()).as("repeated calls outside the killed worker's in-flight records")
                .isSubsetOf(inFlight);
        assertThat(duplicates.values()).as("a call repeated more than once").allMatch(count -> count == 1);
        // Expected: every video's first call comes after the first call of each of its scene's shots (it waits for
        // their completion, which follows their call).
        assertThat(videosCalledBeforeTheirImages(videoCalls, calls)).as("videos called before one of their images")
                .isEmpty();
    }

    /** The videos whose first call is not after the first call of every shot of their scene. */
    private static List<String> videosCalledBeforeTheirImages(List<CallLog.Call> videoCalls, List<CallLog.Call> calls) {
        Map<String, Instant> firstCall = new TreeMap<>();
        calls.forEach(call -> firstCall.merge(call.idempotencyKey(), call.at(),
                (a, b) -> a.isBefore(b) ? a : b));
        return videoCalls.stream().map(CallLog.Call::idempotencyKey).distinct().filter(video -> {
            // {batchId}/video_scene_{i}/{epoch} waits for {batchId}/scene_{i}_shot_{j}/{epoch}
            String epoch = video.substring(video.lastIndexOf('/'));
            String scenePrefix = video.substring(0, video.lastIndexOf('/')).replace("/video_scene_", "/scene_")
                    + "_shot_";
            return firstCall.entrySet().stream().filter(image -> image.getKey().startsWith(scenePrefix)
                            && image.getKey().endsWith(epoch))
                    .anyMatch(image -> !firstCall.get(video).isAfter(image.getValue()));
        }).toList();
    }

    private static String pct(double fraction) {
        return Math.round(fraction * 100) + "%";
    }
}
