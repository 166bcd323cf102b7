package io.genfleet.worker.provider;

import io.genfleet.common.item.Lane;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The circuit breaker of each lane whose provider has one ({@code genfleet.providers.<lane>.breaker.*}). */
public final class ProviderBreakers {

    private final Map<Lane, ProviderBreaker> breakers;

    public ProviderBreakers(Map<Lane, ProviderBreaker> breakers) {
        this.breakers = breakers.isEmpty() ? Map.of() : new EnumMap<>(breakers);
    }

    /** None: every lane simulated (tests). */
    public static ProviderBreakers none() {
        return new ProviderBreakers(Map.of());
    }

    /** Each real provider's breaker, unless disabled; the simulated provider has none. */
    public static ProviderBreakers of(ProvidersSettings settings) {
        Map<Lane, ProviderBreaker> breakers = new EnumMap<>(Lane.class);
        for (Lane lane : Lane.values()) {
            LaneProviderSettings lanes = settings.of(lane);
            if (lanes.type() != ProviderType.SIMULATED && lanes.breaker().enabled()) {
                breakers.put(lane, new ProviderBreaker(lane.wireName(), lanes.breaker()));
            }
        }
        return new ProviderBreakers(breakers);
    }

    public Optional<ProviderBreaker> of(Lane lane) {
        return Optional.ofNullable(breakers.get(lane));
    }
}
