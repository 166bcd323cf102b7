package io.genfleet.producer.claim;

import io.genfleet.common.config.SettingsDefaults;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the claims that make retry-failed and replay requeue an item once: {@code genfleet.producer.replay.*},
 * bound as part of {@link io.genfleet.producer.ProducerSettings} (the prefix keeps its first name so that existing
 * deployments keep their settings).
 *
 * @param claimLease how long an unfulfilled claim holds its key (see {@link ClaimLedger}): the longest an item
 *                   stays blocked after its requeue crashed or failed ambiguously. Must exceed the producer's
 *                   transaction timeout by a wide margin, so that no requeue can commit after its lease
 * @param claimWait  how long a request waits to read the claims topic past its own claims, and for dead letters;
 *                   past it the request answers 503
 */
public record ClaimSettings(
        @NotNull @DefaultValue("5m") Duration claimLease,
        @NotNull @DefaultValue("10s") Duration claimWait) {

    public static ClaimSettings defaults() {
        return SettingsDefaults.of(ClaimSettings.class);
    }

    @AssertTrue(message = "claim-lease must be between 1m and 24h, claim-wait between 1s and 5m")
    boolean isSane() {
        return claimLease == null || claimWait == null
                || (claimLease.compareTo(Duration.ofMinutes(1)) >= 0 && claimLease.compareTo(Duration.ofHours(24)) <= 0
                && claimWait.compareTo(Duration.ofSeconds(1)) >= 0 && claimWait.compareTo(Duration.ofMinutes(5)) <= 0);
    }
}
