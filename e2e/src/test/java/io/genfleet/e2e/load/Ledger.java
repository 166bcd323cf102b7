package io.genfleet.e2e.load;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the producer answered, per case: every accepted batch (202) with its item keys, and every refusal
 * with its status and {@code Retry-After}. The verifier holds the fleet to the accepted part: each of those items
 * must end terminal exactly once.
 */
public final class Ledger {

    /** A 202: the producer promised these items ({@code sent}: when the request was sent, {@code at}: answered). */
    public record Accepted(String caseId, String batchId, List<String> itemKeys, Instant sent, Instant at) {

        public List<String> itemIds() {
            return itemKeys.stream().map(key -> batchId + "/" + key).toList();
        }
    }

    /**
     * Anything but a 202.
     *
     * @param status     the HTTP status, or 0 when no answer came (connection refused, timeout)
     * @param retryAfter the {@code Retry-After} header, when present
     * @param detail     the problem's detail or the client-side failure
     */
    public record Refused(String caseId, int status, Optional<String> retryAfter, String detail, Instant sent,
                          Instant at) {

        /** A 503 that says when to come back: what the contract asks for while Kafka is unavailable. */
        public boolean isRetryLater() {
            return status == 503 && retryAfter.isPresent();
        }
    }

    private final List<Accepted> accepted = new ArrayList<>();
    private final List<Refused> refused = new ArrayList<>();

    public synchronized void accepted(Accepted batch) {
        accepted.add(batch);
    }

    public synchronized void refused(Refused refusal) {
        refused.add(refusal);
    }

    public synchronized List<Accepted> batches(String caseId) {
        return accepted.stream().filter(batch -> batch.caseId().equals(caseId)).toList();
    }

    public synchronized List<Refused> refusals(String caseId) {
        return refused.stream().filter(refusal -> refusal.caseId().equals(caseId)).toList();
    }

    public synchronized Set<String> itemIds(String caseId) {
        Set<String> ids = new TreeSet<>();
        batches(caseId).forEach(batch -> ids.addAll(batch.itemIds()));
        return ids;
    }

    public synchronized Set<String> batchIds(String caseId) {
        Set<String> ids = new TreeSet<>();
        batches(caseId).forEach(batch -> ids.add(batch.batchId()));
        return ids;
    }
}
