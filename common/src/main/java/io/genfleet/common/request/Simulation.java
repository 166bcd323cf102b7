package io.genfleet.common.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.genfleet.common.status.ErrorType;

/**
 * The per-item {@code simulate} object of the contract, honoured by the simulated provider: the first
 * {@code failTimes} attempts of the item, counted across epochs, fail with {@code error}; later
 * attempts succeed. {@code latencyMs} overrides the provider's latency.
 *
 * @param failTimes how many attempts fail (0 when absent)
 * @param error     which error they fail with ({@code transient} when absent)
 * @param latencyMs the latency of each attempt, or null for the provider's setting
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Simulation(Integer failTimes, ErrorType error, Integer latencyMs) {

    public static final int MAX_FAIL_TIMES = 100;
    public static final int MAX_LATENCY_MS = 600_000;

    public Simulation {
        if (failTimes != null && (failTimes < 0 || failTimes > MAX_FAIL_TIMES)) {
            throw new IllegalArgumentException("failTimes must be between 0 and " + MAX_FAIL_TIMES);
        }
        if (latencyMs != null && (latencyMs < 0 || latencyMs > MAX_LATENCY_MS)) {
            throw new IllegalArgumentException("latencyMs must be between 0 and " + MAX_LATENCY_MS);
        }
    }

    public int failTimesOrZero() {
        return failTimes == null ? 0 : failTimes;
    }

    public ErrorType errorOrTransient() {
        return error == null ? ErrorType.TRANSIENT : error;
    }
}
