package io.genfleet.standalone.dlt;

import io.genfleet.common.status.ItemState;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.producer.claim.Claim;
import io.genfleet.producer.claim.ClaimLedger;
import io.genfleet.producer.claim.ClaimLog;
import io.genfleet.producer.claim.ClaimSettings;
import io.genfleet.producer.claim.Claimer;
import io.genfleet.producer.deadletter.DeadLetter;
import io.genfleet.producer.deadletter.DeadLetterFilter;
import io.genfleet.producer.deadletter.DeadLetterReader;
import io.genfleet.producer.requeue.Requeue;
import io.genfleet.producer.requeue.RequeueFailedException;
import io.genfleet.producer.requeue.RequeueSource;
import io.genfleet.producer.requeue.RequeueWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The operator's dead-letter tool, without Spring: {@link #list} the dead letters that match a filter, or
 * {@link #replay} them — each eligible one republished to its lane with epoch + 1 (its original request
 * otherwise), provenance headers and its {@code pending} event, in one transaction per throttled chunk.
 *
 * <p>Eligible means: readable; its item is {@code failed_permanent} at the dead letter's epoch right now (the
 * status topic, read to its end and merged like the aggregator does — so an item that was retried since is
 * skipped); and both claims are won: the item's next epoch (shared with retry-failed) and the dead letter itself
 * ({@code dlt:{topic}/{partition}/{offset}}), so that no dead letter is replayed twice, across runs and
 * concurrent operators.
 */
public final class DeadLetterReplay implements AutoCloseable {

    /** At most this many records per claim round and transaction. */
    static final int MAX_CHUNK = 500;

    private final TopicCatalog catalog;
    private final DeadLetterReader deadLetters;
    private final StatusTopicReader status;
    private final RequeueWriter writer;
    private final Claimer claimer;
    private final Duration timeout;

    DeadLetterReplay(TopicCatalog catalog, DeadLetterReader deadLetters, StatusTopicReader status, RequeueWriter writer,
                     Claimer claimer, Duration timeout) {
        this.catalog = catalog;
        this.deadLetters = deadLetters;
        this.status = status;
        this.writer = writer;
        this.claimer = claimer;
        this.timeout = timeout;
    }

    /**
     * Connects with the given client properties (bootstrap servers, security).
     *
     * @param lease   the claim lease (see {@link ClaimLedger}); the services' default is that of {@link ClaimSettings#defaults()}
     * @param timeout the bound of every read and of waiting for claims
     */
    public static DeadLetterReplay connect(Map<String, Object> clientProperties, TopicCatalog catalog, Duration lease,
                                           Duration timeout) {
        RequeueWriter writer = RequeueWriter.create(clientProperties, catalog, "genfleet-dlt-replay-", 1,
                new SimpleMeterRegistry());
        ClaimLog claims = new ClaimLog(clientProperties, catalog.replayClaims(), new ClaimLedger(lease));
        return new DeadLetterReplay(catalog, new DeadLetterReader(clientProperties, catalog),
                new StatusTopicReader(clientProperties, catalog), writer, new Claimer(writer, claims, timeout), timeout);
    }

    /** The dead letters that match, oldest first. */
    public List<DeadLetter> list(DeadLetterFilter filter) {
        return deadLetters.scan(filter.lanes(), timeout).stream().filter(filter::matches).toList();
    }

    /**
     * The current state of the items of these dead letters (the status topic read to its end, merged as the
     * aggregator does), by item id ({@code batchId/itemKey}); an item without status events is absent.
     * Tells a dead letter that was requeued since (a later epoch) from one still parked.
     */
    public Map<String, ItemState> currentStates(List<DeadLetter> letters) {
        Set<String> ids = new HashSet<>();
        letters.stream().filter(DeadLetter::readable).forEach(letter -> ids.add(letter.request().itemId().toString()));
        return ids.isEmpty() ? Map.of() : status.states(ids, timeout);
    }

    /**
     * Replays the eligible dead letters that match, at most {@code perSecond} per second.
     *
     * @param dryRun write nothing (no claims either); report what would be replayed
     */
    public ReplayReport replay(DeadLetterFilter filter, double perSecond, boolean dryRun, ReplayListener listener)
            throws InterruptedException {
        if (!(perSecond > 0) || perSecond > 100_000) {
            throw new IllegalArgumentException("the rate must be above 0 and at most 100000 per second");
        }
        String replayId = UUID.randomUUID().toString();
        List<DeadLetter> matching = list(filter);
        List<ReplayReport.Skip> skipped = new ArrayList<>();
        List<Candidate> candidates = eligible(matching, skipped);
        listener.planned(matching.size(), candidates.size());
        skipped.forEach(skip -> listener.skipped(skip.letter(), skip.reason()));
        if (dryRun) {
            return dryRun(replayId, matching.size(), candidates, skipped, listener);
        }
        List<DeadLetter> replayed = new ArrayList<>();
        int chunkSize = (int) Math.max(1, Math.min(MAX_CHUNK, Math.ceil(perSecond)));
        long started = System.nanoTime();
        for (int from = 0; from < candidates.size(); from += chunkSize) {
            long chunkStarted = System.nanoTime();
            List<Candidate> chunk = candidates.subList(from, Math.min(candidates.size(), from + chunkSize));
            replayChunk(replayId, chunk, replayed, skipped, listener);
            double elapsed = (System.nanoTime() - started) / 1e9;
            listener.progress(from + chunk.size(), candidates.size(), elapsed > 0 ? replayed.size() / elapsed : 0);
            if (from + chunkSize < candidates.size()) {
                long due = chunkStarted + (long) (chunk.size() / perSecond * 1e9);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        }
        return new ReplayReport(replayId, false, matching.size(), replayed, skipped);
    }

    private record Candidate(DeadLetter letter, int attempts, Claim epochClaim, Claim letterClaim) {
    }

    /** The matching dead letters whose item is failed_permanent at their epoch now; one per item epoch. */
    private List<Candidate> eligible(List<DeadLetter> matching, List<ReplayReport.Skip> skipped) {
        Set<String> ids = new HashSet<>();
        matching.stream().filter(DeadLetter::readable).forEach(letter -> ids.add(letter.request().itemId().toString()));
        Map<String, ItemState> states = status.states(ids, timeout);
        Set<String> seen = new HashSet<>();
        List<Candidate> candidates = new ArrayList<>();
        for (DeadLetter letter : matching) {
            String reason = null;
            ItemState state = letter.readable() ? states.get(letter.request().itemId().toString()) : null;
            if (!letter.readable()) {
                reason = "unreadable: " + letter.unreadable();
            } else if (state == null) {
                reason = "no status of the item on " + catalog.status().name();
            } else if (state.status() != ItemStatus.FAILED_PERMANENT || state.epoch() != letter.request().epoch()) {
                reason = "the item is " + state.status() + " at epoch " + state.epoch() + " now, not failed_permanent at "
                        + "epoch " + letter.request().epoch();
            } else if (!seen.add(letter.request().itemId() + "/" + letter.request().epoch())) {
                reason = "another dead letter of the same item epoch is replayed";
            }
            if (reason != null) {
                skipped.add(new ReplayReport.Skip(letter, reason));
                continue;
            }
            int attempts = letter.attempts() != null ? letter.attempts() : Math.max(1, state.attempt());
            String claimId = UUID.randomUUID().toString();
            candidates.add(new Candidate(letter, attempts,
                    new Claim(Claim.nextEpochKey(letter.request().itemId(), letter.request().epoch() + 1),
                            claimId + "/epoch"),
                    new Claim(Claim.deadLetterKey(letter.ref()), claimId + "/dlt")));
        }
        return candidates;
    }

    private ReplayReport dryRun(String replayId, int matching, List<Candidate> candidates,
                                List<ReplayReport.Skip> skipped, ReplayListener listener) {
        claimer.log().readToEnd(timeout);
        Instant now = writer.clock().instant();
        List<DeadLetter> wouldReplay = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (claimer.log().isHeld(candidate.letterClaim().key(), now)) {
                skip(candidate.letter(), "already replayed (claimed)", skipped, listener);
            } else if (claimer.log().isHeld(candidate.epochClaim().key(), now)) {
                skip(candidate.letter(), "epoch " + (candidate.letter().request().epoch() + 1)
                        + " is already claimed by a retry-failed or replay", skipped, listener);
            } else {
                wouldReplay.add(candidate.letter());
                listener.wouldReplay(candidate.letter());
            }
        }
        return new ReplayReport(replayId, true, matching, wouldReplay, skipped);
    }

    private void replayChunk(String replayId, List<Candidate> chunk, List<DeadLetter> replayed,
                             List<ReplayReport.Skip> skipped, ReplayListener listener) {
        List<Claim> claims = new ArrayList<>();
        chunk.forEach(candidate -> {
            claims.add(candidate.epochClaim());
            claims.add(candidate.letterClaim());
        });
        Set<String> won = claimer.claim(claims, RequeueSource.DLT_REPLAY);
        List<Requeue> requeues = new ArrayList<>();
        List<DeadLetter> letters = new ArrayList<>();
        List<Claim> held = new ArrayList<>();
        List<Claim> unused = new ArrayList<>();
        Instant now = writer.clock().instant();
        for (Candidate candidate : chunk) {
            boolean epochWon = won.contains(candidate.epochClaim().claimId());
            boolean letterWon = won.contains(candidate.letterClaim().claimId());
            if (epochWon && letterWon) {
                requeues.add(new Requeue(candidate.letter().request().nextEpoch(candidate.attempts(), now),
                        candidate.letter().ref(), List.of(candidate.epochClaim(), candidate.letterClaim())));
                letters.add(candidate.letter());
                held.add(candidate.epochClaim());
                held.add(candidate.letterClaim());
                continue;
            }
            if (epochWon) {
                unused.add(candidate.epochClaim());
            }
            if (letterWon) {
                unused.add(candidate.letterClaim());
            }
            String reason = !letterWon ? "already replayed (claimed)" : "epoch "
                    + (candidate.letter().request().epoch() + 1) + " is already claimed by a retry-failed or replay";
            skip(candidate.letter(), reason, skipped, listener);
        }
        try {
            writer.requeue(requeues, RequeueSource.DLT_REPLAY, replayId);
        } catch (RequeueFailedException e) {
            if (!e.mayHaveCommitted()) {
                held.addAll(unused);
                claimer.release(held, RequeueSource.DLT_REPLAY);
            }
            throw e;
        }
        claimer.release(unused, RequeueSource.DLT_REPLAY);
        replayed.addAll(letters);
        letters.forEach(listener::replayed);
    }

    private static void skip(DeadLetter letter, String reason, List<ReplayReport.Skip> skipped,
                             ReplayListener listener) {
        skipped.add(new ReplayReport.Skip(letter, reason));
        listener.skipped(letter, reason);
    }

    @Override
    public void close() {
        try {
            claimer.log().close();
        } finally {
            writer.close();
        }
    }
}
