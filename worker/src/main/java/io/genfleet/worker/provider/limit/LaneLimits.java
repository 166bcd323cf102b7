package io.genfleet.worker.provider.limit;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet-wide limits of one lane's provider and this process's share of them, which follows the number of
 * worker processes of the lane ({@link #members(int)}). Until that number is first read this process assumes it
 * is alone: it has no partitions before its first rebalance, and the rebalance reads the number.
 */
public final class LaneLimits {

    private static final Logger log = LoggerFactory.getLogger(LaneLimits.class);

    private final String lane;
    private final Double fleetRate;
    private final Integer fleetConcurrency;
    private final RequestRateLimiter rate;
    private final ConcurrencyGate concurrency;
    private volatile int members = 1;

    /**
     * @param fleetRate        requests per second over the fleet; null: unlimited
     * @param fleetConcurrency calls at once over the fleet; null: no cap
     */
    public LaneLimits(String lane, Double fleetRate, Integer fleetConcurrency, WaitObserver rateWaits,
                      WaitObserver concurrencyWaits) {
        this.lane = lane;
        this.fleetRate = fleetRate;
        this.fleetConcurrency = fleetConcurrency;
        this.rate = fleetRate == null ? null
                : new RequestRateLimiter("provider-" + lane, FleetShare.rate(fleetRate, 1), rateWaits);
        this.concurrency = fleetConcurrency == null ? null
                : new ConcurrencyGate(FleetShare.concurrency(fleetConcurrency, 1), concurrencyWaits);
    }

    public static LaneLimits none(String lane) {
        return new LaneLimits(lane, null, null, WaitObserver.NONE, WaitObserver.NONE);
    }

    /** Whether the lane has a limit at all (then the number of its workers is read). */
    public boolean limited() {
        return rate != null || concurrency != null;
    }

    /** The number of worker processes of the lane now; the shares follow it. */
    public void members(int count) {
        int now = Math.max(1, count);
        if (rate != null) {
            rate.setRate(FleetShare.rate(fleetRate, now));
        }
        if (concurrency != null) {
            concurrency.setLimit(FleetShare.concurrency(fleetConcurrency, now));
        }
        if (members != now) {
            log.info("Lane {}: {} worker processes share the provider's limits; this one: requests/s {}, calls at once {}",
                    lane, now, rate == null ? "unlimited" : String.format("%.2f", rate.rate()),
                    concurrency == null ? "uncapped" : concurrency.limit());
            members = now;
        }
    }

    public int members() {
        return members;
    }

    /** Completes when the next HTTP request to the provider may be sent. */
    public CompletableFuture<Void> requestPermit() {
        return rate == null ? CompletableFuture.completedFuture(null) : rate.permit();
    }

    /** The lane's concurrency gate, when it has a cap. */
    public Optional<ConcurrencyGate> concurrency() {
        return Optional.ofNullable(concurrency);
    }

    /** Fails the calls and requests still waiting (the worker is stopping) and stops the rate's timer. */
    public void close(RuntimeException reason) {
        if (concurrency != null) {
            concurrency.close(reason);
        }
        if (rate != null) {
            rate.close(reason);
        }
    }
}
