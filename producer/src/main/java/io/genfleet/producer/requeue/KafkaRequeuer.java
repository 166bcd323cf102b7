package io.genfleet.producer.requeue;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.status.DeadLetterRef;
import io.genfleet.producer.batch.BoundedTransactions;
import io.genfleet.producer.claim.Claim;
import io.genfleet.producer.claim.Claimer;
import io.genfleet.producer.deadletter.DeadLetter;
import io.genfleet.producer.deadletter.DeadLetterReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requeue for {@code retry-failed}: claim each item's next epoch, read the won items' dead letters (assigned
 * consumer, seek), then write all of them in one transaction. Nothing is written for an item whose claim was
 * lost (another call or a replay got there first) or whose dead letter cannot be used; its claim is released.
 */
public final class KafkaRequeuer implements Requeuer {

    private static final Logger log = LoggerFactory.getLogger(KafkaRequeuer.class);

    private final Claimer claimer;
    private final DeadLetterReader deadLetters;
    private final RequeueWriter writer;
    private final Duration readTimeout;

    public KafkaRequeuer(Claimer claimer, DeadLetterReader deadLetters, RequeueWriter writer, Duration readTimeout) {
        this.claimer = claimer;
        this.deadLetters = deadLetters;
        this.writer = writer;
        this.readTimeout = readTimeout;
    }

    @Override
    public Outcome requeue(List<Candidate> candidates) {
        String replayId = UUID.randomUUID().toString();
        List<Claim> claims = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate candidate = candidates.get(i);
            claims.add(new Claim(Claim.nextEpochKey(candidate.item(), candidate.epoch() + 1), replayId + "/" + i));
        }
        Set<String> won = claimer.claim(claims, RequeueSource.RETRY_FAILED);
        List<Skipped> skipped = new ArrayList<>();
        List<Claim> unusedUpFront = new ArrayList<>();
        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (won.contains(claims.get(i).claimId()) && !candidates.get(i).isHeld()
                    && !deadLetters.isDeadLetterTopic(candidates.get(i).deadLetter().topic())) {
                skipped.add(new Skipped(candidates.get(i).item().itemKey().toString(), "its dead-letter reference names "
                        + candidates.get(i).deadLetter().topic() + ", not a dead-letter topic of this topic prefix"));
                unusedUpFront.add(claims.get(i));
            } else if (won.contains(claims.get(i).claimId())) {
                winners.add(i);
            } else {
                skipped.add(new Skipped(candidates.get(i).item().itemKey().toString(), "epoch "
                        + (candidates.get(i).epoch() + 1) + " is already claimed by an earlier retry-failed or replay"));
            }
        }
        List<Claim> wonClaims = new ArrayList<>(unusedUpFront);
        winners.forEach(i -> wonClaims.add(claims.get(i)));
        List<Requeue> requeues = new ArrayList<>();
        List<ItemId> requeued = new ArrayList<>();
        List<Claim> unused = new ArrayList<>(unusedUpFront);
        try {
            Map<DeadLetterRef, DeadLetter> letters = deadLetters.fetch(winners.stream()
                    .filter(i -> !candidates.get(i).isHeld()).map(i -> candidates.get(i).deadLetter()).toList(),
                    readTimeout);
            for (int i : winners) {
                Candidate candidate = candidates.get(i);
                if (candidate.isHeld()) {
                    requeues.add(Requeue.heldAgain(candidate.item(), candidate.epoch() + 1, List.of(claims.get(i))));
                    requeued.add(candidate.item());
                    continue;
                }
                DeadLetter letter = letters.get(candidate.deadLetter());
                String problem = problem(candidate, letter);
                if (problem != null) {
                    skipped.add(new Skipped(candidate.item().itemKey().toString(), problem));
                    unused.add(claims.get(i));
                    continue;
                }
                int attempts = letter.attempts() != null ? letter.attempts() : Math.max(1, candidate.attempt());
                requeues.add(new Requeue(letter.request().nextEpoch(attempts, writer.clock().instant()),
                        candidate.deadLetter(), List.of(claims.get(i))));
                requeued.add(candidate.item());
            }
        } catch (RuntimeException e) {
            claimer.release(wonClaims, RequeueSource.RETRY_FAILED);
            throw e instanceof RequeueFailedException failed ? failed
                    : new RequeueFailedException(false, "the dead letters could not be read: "
                    + BoundedTransactions.rootMessage(e), e);
        }
        try {
            writer.requeue(requeues, RequeueSource.RETRY_FAILED, replayId);
        } catch (RequeueFailedException e) {
            if (!e.mayHaveCommitted()) {
                claimer.release(wonClaims, RequeueSource.RETRY_FAILED);
            }
            throw e;
        }
        claimer.release(unused, RequeueSource.RETRY_FAILED);
        if (!requeued.isEmpty()) {
            log.info("Requeued {} items of batch {} (replay {}): {}", requeued.size(), requeued.get(0).batchId(),
                    replayId, requeued.stream().map(id -> id.itemKey().toString()).toList());
        }
        return new Outcome(replayId, requeued, skipped);
    }

    /** Why the dead letter cannot be requeued for this candidate, or null when it can. */
    private static String problem(Candidate candidate, DeadLetter letter) {
        if (letter == null) {
            return "its dead letter " + candidate.deadLetter() + " is no longer in the topic (retention?)";
        }
        if (!letter.readable()) {
            return "its dead letter " + candidate.deadLetter() + " cannot be read: " + letter.unreadable();
        }
        if (!letter.request().itemId().equals(candidate.item())) {
            return "the dead letter " + candidate.deadLetter() + " is of item " + letter.request().itemId();
        }
        if (letter.request().epoch() != candidate.epoch()) {
            return "the dead letter " + candidate.deadLetter() + " is of epoch " + letter.request().epoch()
                    + ", the item failed in epoch " + candidate.epoch();
        }
        return null;
    }
}
