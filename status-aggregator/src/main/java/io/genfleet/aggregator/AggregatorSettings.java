package io.genfleet.aggregator;

import io.genfleet.common.config.SettingsDefaults;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the status aggregator ({@code genfleet.aggregator.*}).
 *
 * @param historyLimit       history entries kept per item; older entries are cut at the beginning (default 50)
 * @param stateDir           Kafka Streams {@code state.dir}; kept across restarts so stores are not rebuilt
 *                           from their changelogs (default {@code ${java.io.tmpdir}/genfleet-streams})
 * @param applicationServer  {@code host:port} this instance serves interactive queries on, published to the
 *                           other instances for routing; empty for a single instance (default empty)
 * @param standbyReplicas    Streams {@code num.standby.replicas}: warm copies of each store on other
 *                           instances, for fast fail-over (default 0)
 * @param streamInterval     how often a Server-Sent-Events subscriber's batch is polled for changes (default 300ms)
 * @param streamTimeout      how long one Server-Sent-Events connection stays open before the client has to
 *                           reconnect (default 30m)
 * @param forwardTimeout     with several instances: how long a query forwarded to the instance that owns the
 *                           key may take (connect plus answer) before the caller answers 503 (default 2s)
 * @param censusInterval     how often the {@code genfleet.items} and {@code genfleet.batches.active} gauges are
 *                           recounted; each count reads every batch summary of this instance (default 30s)
 * @param batchRetention     how long a batch stays in the stores after it is done; then its summary and items are
 *                           deleted (tombstones in the changelogs), so state and restore time stay bounded
 *                           (default 7d, Kafka's default retention of the status topic itself)
 */
@Validated
@ConfigurationProperties("genfleet.aggregator")
public record AggregatorSettings(
        @Min(1) @Max(10_000) @DefaultValue("50") int historyLimit,
        @DefaultValue("") String stateDir,
        @NotNull @Pattern(regexp = "|[A-Za-z0-9.\\-]+:[0-9]{1,5}", message = "must be empty or host:port")
        @DefaultValue("") String applicationServer,
        @Min(0) @Max(10) @DefaultValue("0") int standbyReplicas,
        @NotNull @DefaultValue("300ms") Duration streamInterval,
        @NotNull @DefaultValue("30m") Duration streamTimeout,
        @NotNull @DefaultValue("2s") Duration forwardTimeout,
        @NotNull @DefaultValue("30s") Duration censusInterval,
        @NotNull @DefaultValue("7d") Duration batchRetention) {

    public static final String DEFAULT_STATE_DIR_NAME = "genfleet-streams";
    /** Each poll reads the stores; faster than this costs CPU without a visible gain. */
    public static final Duration MIN_STREAM_INTERVAL = Duration.ofMillis(50);
    /** Shorter than this, a busy but healthy owner would be reported unavailable. */
    public static final Duration MIN_FORWARD_TIMEOUT = Duration.ofMillis(100);
    /** Longer than this, a vanished owner holds a client for longer than a retry would take. */
    public static final Duration MAX_FORWARD_TIMEOUT = Duration.ofSeconds(30);
    /** A census scans the batch store; more often than this would compete with the stream thread for nothing. */
    public static final Duration MIN_CENSUS_INTERVAL = Duration.ofMillis(500);

    public AggregatorSettings {
        // The default depends on the JVM, so it is resolved here rather than in @DefaultValue.
        if (stateDir == null || stateDir.isBlank()) {
            stateDir = Path.of(System.getProperty("java.io.tmpdir"), DEFAULT_STATE_DIR_NAME).toString();
        }
        if (applicationServer == null) {
            applicationServer = "";
        }
        if (streamInterval != null && streamInterval.compareTo(MIN_STREAM_INTERVAL) < 0) {
            throw new IllegalArgumentException("stream-interval must be at least " + MIN_STREAM_INTERVAL.toMillis() + "ms");
        }
        if (streamTimeout != null && streamTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("stream-timeout must be at least 1s");
        }
        if (forwardTimeout != null && (forwardTimeout.compareTo(MIN_FORWARD_TIMEOUT) < 0
                || forwardTimeout.compareTo(MAX_FORWARD_TIMEOUT) > 0)) {
            throw new IllegalArgumentException("forward-timeout must be between " + MIN_FORWARD_TIMEOUT.toMillis()
                    + "ms and " + MAX_FORWARD_TIMEOUT.toSeconds() + "s");
        }
        if (batchRetention != null && batchRetention.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("batch-retention must be at least 1s");
        }
        if (censusInterval != null && censusInterval.compareTo(MIN_CENSUS_INTERVAL) < 0) {
            throw new IllegalArgumentException("census-interval must be at least " + MIN_CENSUS_INTERVAL.toMillis() + "ms");
        }
    }

    /** True when this instance publishes {@code application.server}, i.e. runs as one of several. */
    public boolean routesQueries() {
        return !applicationServer.isEmpty();
    }

    /** The defaults, for code that runs without Spring binding (tests, tools). */
    public static AggregatorSettings defaults() {
        return SettingsDefaults.of(AggregatorSettings.class);
    }
}
