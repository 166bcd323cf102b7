package io.genfleet.e2e.verify;

import static org.awaitility.Awaitility.await;

import io.genfleet.common.status.ItemState;
import io.genfleet.e2e.load.Ledger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Holds the fleet to the ledger: every accepted item must be terminal, exactly once, in the aggregator's API AND in
 * the verifier's own merge of the status topic, and the two must agree item by item.
 */
public final class Verifier {

    private static final int MAX_PROBLEMS = 8;

    private final Ledger ledger;
    private final StatusView view;
    private final AggregatorApi api;

    public Verifier(Ledger ledger, StatusView view, AggregatorApi api) {
        this.ledger = ledger;
        this.view = view;
        this.api = api;
    }

    /** The terminal fraction of a case's accepted items, from the status topic. */
    public double progress(String caseId) {
        Set<String> ids = ledger.itemIds(caseId);
        return ids.isEmpty() ? 0.0 : (double) view.terminal(ids) / ids.size();
    }

    /**
     * Waits until every accepted item of the case is terminal in the status topic and every batch is done in the
     * API, at most {@code atMost}. Returns false (instead of failing) when the deadline passes: the verdict then
     * says what is missing.
     */
    public boolean awaitDone(String caseId, Duration atMost) {
        try {
            await().alias(caseId + ": every accepted item terminal").atMost(atMost)
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> done(caseId));
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** Waits until the aggregator knows every accepted batch of the case with its full total. */
    public void awaitKnown(String caseId, Duration atMost) {
        await().alias(caseId + ": every accepted batch known to the aggregator").atMost(atMost)
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> ledger.batches(caseId).stream().allMatch(batch -> api.summary(batch.batchId())
                        .map(summary -> summary.total() == batch.itemKeys().size()).orElse(false)));
    }

    private boolean done(String caseId) {
        Set<String> ids = ledger.itemIds(caseId);
        if (view.terminal(ids) < ids.size()) {
            return false;
        }
        for (Ledger.Accepted batch : ledger.batches(caseId)) {
            Optional<AggregatorApi.Summary> summary = api.summary(batch.batchId());
            if (summary.isEmpty() || !summary.get().done() || summary.get().total() != batch.itemKeys().size()) {
                return false;
            }
        }
        return true;
    }

    public Verdict verify(String caseId) {
        List<String> problems = new ArrayList<>();
        int accepted = 0;
        int lost = 0;
        int doubleCounts = 0;
        int mismatches = 0;
        for (Ledger.Accepted batch : ledger.batches(caseId)) {
            int expected = batch.itemKeys().size();
            accepted += expected;
            Map<String, ItemState> topic = view.snapshot(batch.itemIds());
            Optional<AggregatorApi.Summary> summary = answered(() -> {
                AggregatorApi.Answer answer = api.ask(batch.batchId());
                return new Asked<>(answer.status(), answer.summary());
            });
            Optional<List<AggregatorApi.Item>> items = answered(() -> {
                AggregatorApi.ItemsAnswer answer = api.askItems(batch.batchId());
                return new Asked<>(answer.status(), answer.items());
            });
            if (summary.isEmpty() || items.isEmpty()) {
                lost += expected;
                note(problems, batch.batchId() + ": the aggregator has no answer for an accepted batch");
                continue;
            }
            AggregatorApi.Summary s = summary.get();
            // Expected: total = the ledger's item count, every one terminal, nothing left in another status.
            doubleCounts += Math.max(0, s.total() - expected) + Math.max(0, s.terminal() - expected);
            if (s.counted() != s.total()) {
                mismatches++;
                note(problems, batch.batchId() + ": counts add up to " + s.counted() + ", total is " + s.total());
            }
            Map<String, AggregatorApi.Item> byKey = new HashMap<>();
            for (AggregatorApi.Item item : items.get()) {
                if (byKey.put(item.itemKey(), item) != null) {
                    doubleCounts++;
                    note(problems, batch.batchId() + "/" + item.itemKey() + " is listed twice");
                }
            }
            Set<String> extra = new HashSet<>(byKey.keySet());
            batch.itemKeys().forEach(extra::remove);
            if (!extra.isEmpty()) {
                mismatches += extra.size();
                note(problems, batch.batchId() + ": items the producer never accepted: " + extra);
            }
            int retriesInTopic = 0;
            for (String key : batch.itemKeys()) {
                String id = batch.batchId() + "/" + key;
                ItemState fromTopic = topic.get(id);
                AggregatorApi.Item fromApi = byKey.get(key);
                boolean terminalInTopic = fromTopic != null && fromTopic.status().isTerminal();
                boolean terminalInApi = fromApi != null && isTerminal(fromApi.status());
                if (!terminalInTopic || !terminalInApi) {
                    lost++;
                    note(problems, id + " not terminal: topic " + (fromTopic == null ? "none" : fromTopic.status())
                            + ", api " + (fromApi == null ? "none" : fromApi.status()));
                    continue;
                }
                retriesInTopic += fromTopic.retries();
                if (!fromTopic.status().wireName().equals(fromApi.status()) || fromTopic.epoch() != fromApi.epoch()
                        || fromTopic.attempt() != fromApi.attempt()) {
                    mismatches++;
                    note(problems, id + ": api " + fromApi + " but the status topic says " + fromTopic.status()
                            + " epoch " + fromTopic.epoch() + " attempt " + fromTopic.attempt());
                }
            }
            // Expected: the summary's retries = the retries the status topic shows for the batch's items.
            if (s.retries() > retriesInTopic) {
                doubleCounts += s.retries() - retriesInTopic;
                note(problems, batch.batchId() + ": " + s.retries() + " retries counted, the status topic shows "
                        + retriesInTopic);
            } else if (s.retries() < retriesInTopic) {
                mismatches++;
                note(problems, batch.batchId() + ": " + s.retries() + " retries counted, the status topic shows "
                        + retriesInTopic);
            }
        }
        return new Verdict(accepted, lost, doubleCounts, mismatches, List.copyOf(problems));
    }

    private static boolean isTerminal(String status) {
        return status.equals("complete") || status.equals("failed_permanent");
    }

    /** An answer of the API: its HTTP status (0: none) and what it carried on a 200. */
    private record Asked<T>(int status, Optional<T> value) {

        boolean isFinal() {
            return status != 0 && status != 503;
        }
    }

    /**
     * The API may be unavailable for a moment (503, or no answer during a restart); ask again for a while before
     * calling the batch missing. Any other answer (200, 404) is final.
     */
    private static <T> Optional<T> answered(Supplier<Asked<T>> question) {
        AtomicReference<Asked<T>> answer = new AtomicReference<>(new Asked<>(0, Optional.empty()));
        try {
            await().alias("an answer from the aggregator").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500)).pollDelay(Duration.ZERO)
                    .until(() -> {
                        answer.set(question.get());
                        return answer.get().isFinal();
                    });
        } catch (ConditionTimeoutException e) {
            // No answer: the caller counts the batch as missing.
        }
        return answer.get().value();
    }

    private static void note(List<String> problems, String problem) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(problem);
        }
    }
}
