package io.genfleet.aggregator.topology;

import io.genfleet.common.webhook.Notify;
import java.time.Instant;
import java.util.List;

/**
 * What the aggregator keeps per batch for its webhooks ({@code genfleet-webhook-receivers}): the batch's own receiver
 * and when its last {@code batch.progress} event happened. Flat, with the fields of {@link Notify} first, so that the
 * entries stored before progress events existed ({@code {"url", "events"}}) read as they are.
 *
 * @param url            the batch's own receiver ({@code notify.url}); null when only the deployment-wide receiver
 *                       wants progress events of the batch
 * @param events         the events the batch's own receiver wants
 * @param lastProgressAt the event time ({@code updatedAt} of the summary) of the batch's last {@code batch.progress}
 *                       event; null before the first
 */
record BatchWebhookState(String url, List<String> events, Instant lastProgressAt) {

    BatchWebhookState {
        events = events == null ? List.of() : List.copyOf(events);
    }

    static BatchWebhookState of(Notify own) {
        return new BatchWebhookState(own.url(), own.events(), null);
    }

    /** The batch's own receiver, or null. */
    Notify own() {
        return url == null ? null : new Notify(url, events);
    }

    BatchWebhookState withOwn(Notify own) {
        return new BatchWebhookState(own.url(), own.events(), lastProgressAt);
    }

    BatchWebhookState withLastProgressAt(Instant at) {
        return new BatchWebhookState(url, events, at);
    }
}
