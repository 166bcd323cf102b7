package io.genfleet.producer.claim;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who holds each claim key, computed from the claims log in log order; a pure function of the records
 * applied, so every reader of the topic (every producer instance, every replay run) reaches the same verdict.
 *
 * <p>Per key:
 * <ul>
 *   <li>a {@code claim} wins when nobody holds the key; the FIRST claim in log order therefore wins, and
 *       every later one loses while the winner holds the key;</li>
 *   <li>{@code fulfilled} (written in the requeue transaction) makes the winner's hold permanent;</li>
 *   <li>{@code release} (the winner wrote nothing, e.g. its dead letter was gone) frees the key;</li>
 *   <li>a claim that is neither fulfilled nor released within the {@code lease} (its owner crashed, or a
 *       commit failed ambiguously) may be taken over by a claim written more than {@code lease} after it.
 *       That is safe as long as no requeue transaction commits later than {@code lease} after its claim: an
 *       owner starts its transaction right after winning, and the broker aborts any transaction that stays
 *       open longer than {@code transaction.timeout.ms}, so the lease must be well above both.</li>
 * </ul>
 *
 * <p>Memory: one entry per key ever claimed (within the topic's retention); a few hundred bytes each.
 */
public final class ClaimLedger {

    private static final Logger log = LoggerFactory.getLogger(ClaimLedger.class);

    private final Duration lease;
    private final Map<String, Holder> holders = new HashMap<>();
    private final Set<String> expected = new HashSet<>();
    private final Map<String, Boolean> outcomes = new HashMap<>();
    private long conflicts;

    private record Holder(String claimId, Instant at, boolean fulfilled) {
    }

    public ClaimLedger(Duration lease) {
        if (lease == null || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("the claim lease must be positive");
        }
        this.lease = lease;
    }

    /**
     * Registers claims whose outcome the caller will ask for. Call it BEFORE writing them: a concurrent
     * reader of the same log may apply them before the writer gets to read.
     */
    public synchronized void expect(Collection<String> claimIds) {
        expected.addAll(claimIds);
    }

    /** Drops outcomes the caller has read (or no longer needs). */
    public synchronized void forget(Collection<String> claimIds) {
        expected.removeAll(claimIds);
        claimIds.forEach(outcomes::remove);
    }

    /** Whether the claim won; empty until its record has been applied. */
    public synchronized Optional<Boolean> outcome(String claimId) {
        return Optional.ofNullable(outcomes.get(claimId));
    }

    /** Applies the next record of the key's partition, in log order. */
    public synchronized void apply(String key, ClaimRecord record) {
        Holder holder = holders.get(key);
        switch (record.type()) {
            case CLAIM -> {
                boolean wins = holder == null
                        || (!holder.fulfilled() && Duration.between(holder.at(), record.at()).compareTo(lease) > 0);
                if (wins) {
                    if (holder != null) {
                        log.warn("Claim {} of {} takes over claim {} of {}, which was neither fulfilled nor released "
                                + "within the lease of {}", record.claimId(), key, holder.claimId(), holder.at(), lease);
                    }
                    holders.put(key, new Holder(record.claimId(), record.at(), false));
                }
                if (expected.contains(record.claimId())) {
                    outcomes.put(record.claimId(), wins);
                }
            }
            case RELEASE -> {
                if (holder != null && holder.claimId().equals(record.claimId()) && !holder.fulfilled()) {
                    holders.remove(key);
                }
            }
            case FULFILLED -> {
                if (holder != null && holder.claimId().equals(record.claimId())) {
                    holders.put(key, new Holder(holder.claimId(), holder.at(), true));
                } else {
                    // Only possible when a requeue committed later than the lease allows: it was requeued twice.
                    conflicts++;
                    log.error("Claim {} of {} was fulfilled without holding the key (holder {}): a requeue "
                            + "committed after its lease expired", record.claimId(), key,
                            holder == null ? "none" : holder.claimId());
                }
            }
        }
    }

    /** Whether a claim written at {@code now} would lose: the key is held by a fulfilled or unexpired claim. */
    public synchronized boolean isHeld(String key, Instant now) {
        Holder holder = holders.get(key);
        return holder != null && (holder.fulfilled() || Duration.between(holder.at(), now).compareTo(lease) <= 0);
    }

    /** Fulfilled records of claims that did not hold their key (a requeue that happened twice); 0 when healthy. */
    public synchronized long conflicts() {
        return conflicts;
    }

    public Duration lease() {
        return lease;
    }
}
