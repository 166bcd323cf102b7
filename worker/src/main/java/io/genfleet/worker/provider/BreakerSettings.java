package io.genfleet.worker.provider;

import io.genfleet.common.config.SettingsDefaults;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The circuit breaker of a lane's real provider ({@code genfleet.providers.<lane>.breaker.*}; the simulated
 * provider has none). Only retryable failures count (5xx, 429, timeouts, connection errors): a 400 says nothing
 * about the provider's health.
 *
 * @param enabled               whether the lane has one
 * @param failureRateThreshold  percent of failed calls among the last {@code window} that opens it
 * @param window                calls it looks back on (and the fewest before it may open)
 * @param openFor               how long it stays open: the lane starts no new work meanwhile
 * @param probes                calls let through half-open; all must succeed to close it again
 */
public record BreakerSettings(
        @DefaultValue("true") boolean enabled,
        @Min(1) @Max(100) @DefaultValue("50") int failureRateThreshold,
        @Min(2) @Max(10_000) @DefaultValue("20") int window,
        @NotNull @DefaultValue("30s") Duration openFor,
        @Min(1) @Max(100) @DefaultValue("2") int probes) {

    public static BreakerSettings defaults() {
        return SettingsDefaults.of(BreakerSettings.class);
    }

    @AssertTrue(message = "breaker.open-for must be between 100ms and 1h")
    boolean isOpenForValid() {
        return openFor == null || (openFor.toMillis() >= 100 && openFor.compareTo(Duration.ofHours(1)) <= 0);
    }
}
