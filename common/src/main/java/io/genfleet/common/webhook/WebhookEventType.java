package io.genfleet.common.webhook;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The webhook events the fleet delivers, in their wire spelling. */
public enum WebhookEventType {

    /** A batch's last item became terminal; {@code data} is the final batch summary. */
    BATCH_DONE("batch.done"),
    /** An item ended {@code failed_permanent}; {@code data} is the item view with its {@code lastError}. */
    ITEM_FAILED_PERMANENT("item.failed_permanent"),
    /**
     * Opt-in: a batch's summary changed, at most one per {@code genfleet.webhooks.progress-interval} of event time and
     * never while the batch is done; {@code data} is the batch summary.
     */
    BATCH_PROGRESS("batch.progress");

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<WebhookEventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(WebhookEventType::wireName).toList();
    }
}
