package io.genfleet.e2e;

import static org.awaitility.Awaitility.await;

import io.genfleet.e2e.load.Ledger;
import io.genfleet.e2e.load.Submitter;
import io.genfleet.e2e.report.ResultRow;
import io.genfleet.e2e.report.ResultTable;
import io.genfleet.e2e.rig.E2eSettings;
import io.genfleet.e2e.rig.Fleet;
import io.genfleet.e2e.rig.ServiceNode;
import io.genfleet.e2e.rig.Signal;
import io.genfleet.e2e.verify.AggregatorApi;
import io.genfleet.e2e.verify.CallLog;
import io.genfleet.e2e.verify.StatusView;
import io.genfleet.e2e.verify.Verdict;
import io.genfleet.e2e.verify.Verifier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What every case of the battery works with: the running fleet, the ledger of what the producer accepted, the
 * verifier's view of the status topic, the call logs and the results table; plus the waits cases share.
 */
final class Battery implements AutoCloseable {

    /** The longest a case may take to drain after its fault before its items count as lost. */
    static final Duration DRAIN_LIMIT = Duration.ofMinutes(4);

    final E2eSettings settings;
    final Fleet fleet;
    final Ledger ledger = new Ledger();
    final StatusView view;
    final AggregatorApi api;
    final Submitter submitter;
    final Verifier verifier;
    final CallLog calls;
    final ResultTable table = new ResultTable();
    final Instant started = Instant.now();

    Battery(E2eSettings settings) {
        this.settings = settings;
        this.fleet = Fleet.start(settings);
        this.view = new StatusView(fleet.bootstrapServers(), Fleet.PARTITIONS);
        this.api = new AggregatorApi(fleet.aggregator().url(""), fleet.apiKey());
        this.submitter = new Submitter(fleet.producer().url(""), fleet.apiKey(), ledger);
        this.verifier = new Verifier(ledger, view, api);
        this.calls = new CallLog(fleet.callLogDir());
    }

    /** Waits until the given fraction of the case's accepted items is terminal (per the status topic). */
    void awaitProgress(String caseId, double fraction) {
        await().alias(caseId + ": " + Math.round(fraction * 100) + "% of the accepted items terminal")
                .atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> verifier.progress(caseId) >= fraction);
    }

    /** A pause that is part of the injected fault (e.g. "restart after 5 s"), not a wait for a condition. */
    static void pause(Duration duration) {
        await().pollDelay(duration).atMost(duration.plusSeconds(5)).until(() -> true);
    }

    static Duration since(Instant start) {
        return Duration.between(start, Instant.now());
    }

    List<CallLog.Call> callsOf(String caseId) {
        return calls.calls(ledger.batchIds(caseId));
    }

    ResultRow row(String caseId, String injected, Verdict verdict, String duplicates, String recovery, Duration drain,
                  String notes) {
        ResultRow row = new ResultRow(caseId, injected, verdict.accepted(), verdict.lost(), verdict.doubleCounts(),
                duplicates, recovery, ResultRow.seconds(drain), notes + (verdict.mismatches() == 0 ? ""
                        : "; " + verdict.mismatches() + " mismatches"));
        table.add(row);
        return row;
    }

    /**
     * Puts the fleet back the way every case expects it, whatever the previous case left: the broker running
     * and answering, every service up and ready, exactly the two standard workers in every worker group (a case's
     * own workers, such as case 9's, stopped).
     */
    void heal() {
        if (fleet.broker().process().isAlive()) {
            fleet.broker().process().signal(Signal.CONT);
        } else {
            fleet.broker().process().start();
        }
        fleet.broker().awaitReady(fleet.admin(), Duration.ofMinutes(2));
        List<ServiceNode> standard = fleet.standardServices();
        fleet.services().stream().filter(service -> !standard.contains(service))
                .forEach(extra -> extra.process().stop());
        for (ServiceNode service : standard) {
            if (!service.process().isAlive()) {
                service.process().start();
            }
        }
        for (ServiceNode service : standard) {
            service.awaitReady(Duration.ofMinutes(3));
        }
        fleet.probe().awaitWorkerGroupsStable(2, Duration.ofMinutes(3));
    }

    @Override
    public void close() throws Exception {
        view.close();
        fleet.close();
    }
}
