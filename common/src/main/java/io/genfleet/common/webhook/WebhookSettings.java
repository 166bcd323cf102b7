package io.genfleet.common.webhook;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Webhook settings ({@code genfleet.webhooks.*}), shared by the producer (which checks a storyboard's
 * {@code notify.url}) and the aggregator (which emits and delivers the events).
 *
 * @param secret                the HMAC-SHA256 key of {@code Genfleet-Signature}; empty: nothing is delivered (the
 *                              events wait on their topic until a secret is configured)
 * @param allowHttp             accept {@code http://} URLs (default: https only)
 * @param allowPrivateAddresses accept URLs resolving to loopback or private ranges (default: refused, against SSRF)
 * @param url                   a deployment-wide receiver of every batch's events, besides each batch's own; empty
 *                              for none
 * @param events                the events the deployment-wide receiver gets
 * @param timeout               connect and answer timeout of one delivery attempt
 * @param backoffInitial        the wait before the second attempt; doubled after each further failure
 * @param backoffMax            the longest wait between two attempts
 * @param retryWindow           how long a delivery is retried before it is undeliverable (dead-letter topic)
 * @param maxConcurrent         deliveries in flight per aggregator instance
 * @param progressInterval      the least event time between two {@code batch.progress} events of a batch
 */
@Validated
@ConfigurationProperties("genfleet.webhooks")
public record WebhookSettings(
        @NotNull @DefaultValue("") String secret,
        @DefaultValue("false") boolean allowHttp,
        @DefaultValue("false") boolean allowPrivateAddresses,
        @NotNull @DefaultValue("") String url,
        @NotNull @DefaultValue({"batch.done", "item.failed_permanent"}) List<String> events,
        @NotNull @DefaultValue("10s") Duration timeout,
        @NotNull @DefaultValue("1s") Duration backoffInitial,
        @NotNull @DefaultValue("5m") Duration backoffMax,
        @NotNull @DefaultValue("1h") Duration retryWindow,
        @Min(1) @Max(256) @DefaultValue("16") int maxConcurrent,
        @NotNull @DefaultValue("10s") Duration progressInterval) {

    public static WebhookSettings defaults() {
        return new WebhookSettings("", false, false, "", List.of("batch.done", "item.failed_permanent"),
                Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(1), 16, Duration.ofSeconds(10));
    }

    public WebhookUrlPolicy urlPolicy() {
        return new WebhookUrlPolicy(allowHttp, allowPrivateAddresses);
    }

    /** The deployment-wide receiver, when one is configured. */
    public Notify global() {
        return url.isBlank() ? null : new Notify(url, events);
    }

    /**
     * The waits between attempts: {@code backoffInitial}, doubling up to {@code backoffMax}, as many as fit in
     * {@code retryWindow} (the last one shortened to end exactly at the window).
     */
    public List<Duration> backoff() {
        List<Duration> waits = new ArrayList<>();
        Duration left = retryWindow;
        Duration next = backoffInitial;
        while (positive(left)) {
            Duration wait = next.compareTo(left) < 0 ? next : left;
            waits.add(wait);
            left = left.minus(wait);
            Duration doubled = next.multipliedBy(2);
            next = doubled.compareTo(backoffMax) < 0 ? doubled : backoffMax;
        }
        return waits;
    }

    @AssertTrue(message = "timeout, backoff-initial and backoff-max must be positive, backoff-max at least "
            + "backoff-initial, retry-window and progress-interval not negative")
    public boolean isTimingSane() {
        if (timeout == null || backoffInitial == null || backoffMax == null || retryWindow == null
                || progressInterval == null) {
            return true;
        }
        return positive(timeout) && positive(backoffInitial) && backoffMax.compareTo(backoffInitial) >= 0
                && !retryWindow.isNegative() && !progressInterval.isNegative();
    }

    @AssertTrue(message = "events must be among batch.done, item.failed_permanent, batch.progress")
    public boolean isEventsKnown() {
        return events == null || events.stream().allMatch(e -> WebhookEventType.fromWireName(e).isPresent());
    }

    @AssertTrue(message = "url is refused by the webhook URL policy (https only unless allow-http; no loopback or "
            + "private address unless allow-private-addresses)")
    public boolean isUrlAllowed() {
        if (url == null || url.isBlank()) {
            return true;
        }
        try {
            urlPolicy().check(url);
            return true;
        } catch (WebhookUrlPolicy.RefusedUrlException e) {
            return false;
        }
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
