package io.genfleet.worker.provider;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

/**
 * The fleet-wide request rate of a lane's provider ({@code genfleet.providers.<lane>.rate-limit.*}).
 *
 * @param requestsPerSecond HTTP requests per second to the provider from all worker processes of the lane together
 *                          (submits, polls, downloads from the provider's own host); 0 or unset: unlimited. Each
 *                          process sends at most its share, see {@link io.genfleet.worker.provider.limit.FleetShare}
 */
public record RateLimitSettings(
        @DecimalMin("0.0") @DecimalMax("100000.0") Double requestsPerSecond) {

    public static RateLimitSettings unlimited() {
        return new RateLimitSettings(null);
    }

    public static RateLimitSettings perSecond(double requestsPerSecond) {
        return new RateLimitSettings(requestsPerSecond);
    }

    /** Whether requests are limited at all. */
    public boolean limited() {
        return requestsPerSecond != null && requestsPerSecond > 0;
    }
}
