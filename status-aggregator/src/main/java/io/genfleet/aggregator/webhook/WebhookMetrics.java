package io.genfleet.aggregator.webhook;

import io.genfleet.common.metrics.GenfleetMeter;
import io.micrometer.core.instrument.MeterRegistry;

/** The delivery loop's meters: {@code genfleet_webhooks_deliveries_total} and {@code genfleet_webhooks_attempts_total}. */
public final class WebhookMetrics {

    private final MeterRegistry registry;

    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void ended(String type, WebhookSender.Outcome outcome) {
        GenfleetMeter.WEBHOOK_ATTEMPTS.counter(registry, type).increment(outcome.attempts());
        GenfleetMeter.WEBHOOK_DELIVERIES.counter(registry, type, outcome.delivered() ? "delivered" : "undeliverable")
                .increment();
    }

    void unreadable() {
        GenfleetMeter.WEBHOOK_DELIVERIES.counter(registry, "unknown", "undeliverable").increment();
    }
}
