package io.genfleet.common.webhook;

import java.util.List;

/**
 * Who a batch tells about its lifecycle: a storyboard's {@code "notify": {"url", "events"}}. It travels from the
 * producer to the aggregator on the batch's {@code pending} status events (as {@code batchTotal} does) and is kept
 * by the aggregator per batch.
 *
 * @param url    where the deliveries go, already checked by {@link WebhookUrlPolicy} at submission
 * @param events the event types the receiver wants ({@link WebhookEventType} wire names)
 */
public record Notify(String url, List<String> events) {

    public Notify {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("notify.url is required");
        }
        events = events == null ? List.of() : List.copyOf(events);
    }

    public boolean wants(WebhookEventType type) {
        return events.contains(type.wireName());
    }
}
