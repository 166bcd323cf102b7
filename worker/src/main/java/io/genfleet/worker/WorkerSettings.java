package io.genfleet.worker;

import io.genfleet.common.config.SettingsDefaults;
import io.genfleet.common.item.Lane;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The worker's settings ({@code genfleet.worker.*}). The names of {@code lanes}, {@code max-in-flight} and
 * {@code provider.*} are fixed: the Helm chart sets them.
 *
 * <p>There is one engine: for each topic of a lane chain (lane topic, each delay topic, dead-letter topic) one
 * consumer that keeps polling while provider calls run, and commits an offset only when every record before it
 * is done (see {@link io.genfleet.worker.inflight.TopicLoop}).
 *
 * @param lanes       the lanes this worker consumes; deploy one lane per Deployment to scale them apart
 * @param provider    the simulated provider and the time limit of every provider call
 * @param maxInFlight provider calls this worker process runs at the same time, over all its lanes and topics;
 *                    more records wait with their partitions paused. Real generations take seconds to minutes
 *                    and hold no thread while they wait, so the default is high: 1,000 generations of 2 s each
 *                    finish in about 2 s, not in minutes
 */
@Validated
@ConfigurationProperties("genfleet.worker")
public record WorkerSettings(
        @NotEmpty @DefaultValue({"image", "video"}) List<@NotNull Lane> lanes,
        @Valid @NotNull @DefaultValue Provider provider,
        @Min(1) @Max(100_000) @DefaultValue("1000") int maxInFlight) {

    public WorkerSettings {
        lanes = lanes == null ? null : lanes.stream().distinct().toList();
    }

    /** The defaults, for code that runs without Spring's binder (tests). */
    public static WorkerSettings defaults() {
        return SettingsDefaults.of(WorkerSettings.class);
    }

    /**
     * @param latencyMin  the shortest simulated generation; equal to {@code latencyMax} for a fixed latency
     * @param latencyMax  the longest simulated generation
     * @param failureRate the probability that a simulated attempt fails with a {@code transient} error
     * @param seed        the seed of every simulated decision (same seed, same item, same attempt: same outcome)
     * @param timeout     a provider call that has not answered by then is abandoned as a retryable {@code timeout}
     * @param callLog     a file to which every provider call appends {@code {"idempotencyKey", "attempt", "at"}} as
     *                    one JSON line before it is made, so fault tests can count repeated calls; off (null) by default
     */
    public record Provider(
            @NotNull @DefaultValue("200ms") Duration latencyMin,
            @NotNull @DefaultValue("800ms") Duration latencyMax,
            @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.0") double failureRate,
            @DefaultValue("42") long seed,
            @NotNull @DefaultValue("30s") Duration timeout,
            Path callLog) {

        @ConstructorBinding
        public Provider {
        }

        /** A provider without a call log. */
        public Provider(Duration latencyMin, Duration latencyMax, double failureRate, long seed, Duration timeout) {
            this(latencyMin, latencyMax, failureRate, seed, timeout, null);
        }

        public static Provider defaults() {
            return SettingsDefaults.of(Provider.class);
        }

        @AssertTrue(message = "latency-min must be >= 0 and <= latency-max")
        boolean isLatencyRangeValid() {
            return latencyMin == null || latencyMax == null
                    || (!latencyMin.isNegative() && latencyMin.compareTo(latencyMax) <= 0);
        }

        @AssertTrue(message = "timeout must be between 1ms and 1h")
        boolean isTimeoutValid() {
            return timeout == null || (timeout.toMillis() >= 1 && timeout.compareTo(Duration.ofHours(1)) <= 0);
        }
    }
}
