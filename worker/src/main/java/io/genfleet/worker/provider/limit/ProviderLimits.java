package io.genfleet.worker.provider.limit;

import io.genfleet.common.item.Lane;
import io.genfleet.common.status.ErrorType;
import io.genfleet.worker.provider.RetryableGenerationException;
import java.util.EnumMap;
import java.util.Map;

/** The {@link LaneLimits} of every lane ({@code genfleet.providers.<lane>.rate-limit.*}, {@code max-concurrency}). */
public final class ProviderLimits implements AutoCloseable {

    private final Map<Lane, LaneLimits> lanes = new EnumMap<>(Lane.class);

    public ProviderLimits(Map<Lane, LaneLimits> lanes) {
        for (Lane lane : Lane.values()) {
            this.lanes.put(lane, lanes.getOrDefault(lane, LaneLimits.none(lane.wireName())));
        }
    }

    /** No limits on any lane (tests, simulated fleets). */
    public static ProviderLimits none() {
        return new ProviderLimits(Map.of());
    }

    public LaneLimits of(Lane lane) {
        return lanes.get(lane);
    }

    public boolean anyLimited() {
        return lanes.values().stream().anyMatch(LaneLimits::limited);
    }

    /** Calls and requests still waiting for a permit fail as retryable: they run again elsewhere or later. */
    @Override
    public void close() {
        close(new RetryableGenerationException(ErrorType.TRANSIENT, "the worker is shutting down"));
    }

    public void close(RuntimeException reason) {
        lanes.values().forEach(limits -> limits.close(reason));
    }
}
