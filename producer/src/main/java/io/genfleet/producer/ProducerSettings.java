package io.genfleet.producer;

import io.genfleet.common.config.SettingsDefaults;
import io.genfleet.producer.claim.ClaimSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The producer's settings ({@code genfleet.producer.*}). The names of {@code status-url} and
 * {@code limits.*} are fixed: the Helm chart sets them.
 *
 * @param statusUrl     base URL of the status aggregator's HTTP API, asked whether a batch id is already known
 * @param statusTimeout connect and read timeout of that question; past it the submission answers 503
 * @param retryAfter    the {@code Retry-After} sent with a 503 (Kafka or the status service unavailable)
 * @param limits        what one submission may contain
 * @param kafka         how long a submission may wait for Kafka
 * @param replay        the claims of retry-failed and replay ({@code genfleet.producer.replay.*})
 */
@Validated
@ConfigurationProperties("genfleet.producer")
public record ProducerSettings(
        @NotNull @DefaultValue("http://127.0.0.1:8081") URI statusUrl,
        @NotNull @DefaultValue("2s") Duration statusTimeout,
        @NotNull @DefaultValue("5s") Duration retryAfter,
        @Valid @NotNull @DefaultValue Limits limits,
        @Valid @NotNull @DefaultValue Kafka kafka,
        @Valid @NotNull @DefaultValue ClaimSettings replay) {

    /** The defaults, for code that runs without Spring's binder (tests, standalone). */
    public static ProducerSettings defaults() {
        return SettingsDefaults.of(ProducerSettings.class);
    }

    /**
     * @param maxScenes        scenes per batch
     * @param maxShotsPerScene shots per scene
     * @param maxPromptLength  characters (code points) per prompt
     * @param maxRequestSize   size of the request body; larger bodies get 413 before they are parsed. With the
     *                         default 1 MB a batch is at most a few MB of Kafka records in one transaction.
     */
    public record Limits(
            @Min(1) @Max(10_000) @DefaultValue("200") int maxScenes,
            @Min(0) @Max(1_000) @DefaultValue("50") int maxShotsPerScene,
            @Min(1) @Max(100_000) @DefaultValue("4000") int maxPromptLength,
            @NotNull @DefaultValue("1MB") DataSize maxRequestSize) {

        public static Limits defaults() {
            return SettingsDefaults.of(Limits.class);
        }

        @AssertTrue(message = "max-request-size must be between 1KB and 64MB")
        boolean isMaxRequestSizeSane() {
            return maxRequestSize == null
                    || (maxRequestSize.toBytes() >= 1024 && maxRequestSize.toBytes() <= 64L * 1024 * 1024);
        }
    }

    /**
     * Bounds on every wait for Kafka, so an HTTP caller gets a 503 in seconds instead of a hang
     * (the client defaults are 60 s and 120 s).
     *
     * @param maxBlock               {@code max.block.ms}: metadata, {@code initTransactions}, commit and abort;
     *                               also the wait for a free transactional producer
     * @param requestTimeout         {@code request.timeout.ms} of one produce request (retried within the
     *                               delivery timeout; idempotence makes the retries safe)
     * @param deliveryTimeout        {@code delivery.timeout.ms}: a record not acknowledged by then fails the batch.
     *                               Measured here: the largest batch allowed by the default limits (10,200 items,
     *                               20,400 records) took 1.9-5.6 s here (2 shared cores, in-JVM broker); 30 s leaves room
     *                               for a slow cluster
     * @param transactionTimeout     {@code transaction.timeout.ms}: the broker aborts a transaction left open
     *                               by a crashed instance after this; until then it holds back every read_committed
     *                               reader of the partitions it touched. Must cover the longest healthy
     *                               transaction (delivery-timeout + 2 x max-block)
     * @param concurrentTransactions transactional producers per instance, i.e. batches written at the same time;
     *                               their transactional ids are reused, so a failed producer's successor fences
     *                               (and thereby aborts) what it left open
     */
    public record Kafka(
            @NotNull @DefaultValue("5s") Duration maxBlock,
            @NotNull @DefaultValue("10s") Duration requestTimeout,
            @NotNull @DefaultValue("30s") Duration deliveryTimeout,
            @NotNull @DefaultValue("45s") Duration transactionTimeout,
            @Min(1) @Max(64) @DefaultValue("4") int concurrentTransactions) {

        public static Kafka defaults() {
            return SettingsDefaults.of(Kafka.class);
        }

        @AssertTrue(message = "timeouts must be positive, delivery-timeout must exceed request-timeout (Kafka requires "
                + "delivery.timeout.ms >= linger.ms + request.timeout.ms) and transaction-timeout must be at least "
                + "delivery-timeout + 2 x max-block (else the broker may abort a healthy but slow batch)")
        boolean isConsistent() {
            if (maxBlock == null || requestTimeout == null || deliveryTimeout == null || transactionTimeout == null) {
                return true;
            }
            return positive(maxBlock) && positive(requestTimeout) && positive(transactionTimeout)
                    && deliveryTimeout.compareTo(requestTimeout) > 0
                    && transactionTimeout.compareTo(deliveryTimeout.plus(maxBlock.multipliedBy(2))) >= 0;
        }

        private static boolean positive(Duration duration) {
            return !duration.isNegative() && !duration.isZero();
        }
    }
}
