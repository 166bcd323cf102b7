package io.genfleet.producer.claim;

import io.genfleet.producer.batch.BoundedTransactions;
import io.genfleet.producer.requeue.RequeueFailedException;
import io.genfleet.producer.requeue.RequeueSource;
import io.genfleet.producer.requeue.RequeueWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First writer wins, across threads, producer instances and replay runs: write the claims (committed), read
 * the claims topic up to and past them, and keep those that were the first claim of their key in log order
 * (see {@link ClaimLedger}). Whoever loses writes nothing.
 */
public final class Claimer {

    private static final Logger log = LoggerFactory.getLogger(Claimer.class);

    private final RequeueWriter writer;
    private final ClaimLog claims;
    private final Duration wait;

    /**
     * @param wait how long to wait for the claims topic to be read past the new claims (a transaction open
     *             before them, e.g. another instance's requeue, holds read_committed readers back until it ends)
     */
    public Claimer(RequeueWriter writer, ClaimLog claims, Duration wait) {
        this.writer = writer;
        this.claims = claims;
        this.wait = wait;
    }

    /**
     * Claims every key; returns the ids of the claims that won. Claims that lost hold nothing; the caller
     * must fulfil (requeue) or {@linkplain #release release} the ones that won.
     */
    public Set<String> claim(List<Claim> wanted, RequeueSource source) {
        if (wanted.isEmpty()) {
            return Set.of();
        }
        List<String> ids = wanted.stream().map(Claim::claimId).toList();
        ClaimLedger ledger = claims.ledger();
        ledger.expect(ids);
        try {
            Map<String, RequeueWriter.ClaimPosition> positions;
            try {
                positions = writer.claim(wanted, source);
            } catch (RequeueFailedException e) {
                if (e.mayHaveCommitted()) {
                    release(wanted, source); // they may hold keys; nothing was written on them
                }
                throw e;
            }
            Map<TopicPartition, Long> last = new HashMap<>();
            positions.values().forEach(p -> last.merge(p.partition(), p.offset(), Math::max));
            try {
                claims.readPast(last, wait);
            } catch (RuntimeException e) {
                // Committed but undecided: give them back so that the keys do not wait for the lease.
                release(wanted, source);
                throw new RequeueFailedException(false, "the claims topic could not be read: "
                        + BoundedTransactions.rootMessage(e), e);
            }
            Set<String> won = new LinkedHashSet<>();
            for (String id : ids) {
                if (ledger.outcome(id).orElse(false)) {
                    won.add(id);
                }
            }
            return won;
        } finally {
            ledger.forget(ids);
        }
    }

    /**
     * Gives back claims whose owner wrote nothing. Best effort: when it fails, the claims stay held until the
     * lease expires. Releasing a claim that lost is harmless (only the holder's release counts).
     */
    public void release(List<Claim> released, RequeueSource source) {
        try {
            writer.release(released, source);
        } catch (RuntimeException e) {
            log.warn("Could not release {} claims; their keys are held until the lease of {} expires: {}",
                    released.size(), claims.ledger().lease(), e.getMessage());
        }
    }

    public ClaimLog log() {
        return claims;
    }
}
