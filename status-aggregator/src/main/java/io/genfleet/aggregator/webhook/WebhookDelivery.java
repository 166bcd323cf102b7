package io.genfleet.aggregator.webhook;

import io.genfleet.common.json.JsonSerde;
import io.genfleet.common.json.Versioned;

/**
 * One record of the webhooks topic: an event and the receiver it goes to. The aggregator writes one per receiver
 * (the batch's own, the deployment-wide one) in its exactly-once transaction; the delivery loop posts it.
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param url           the receiver, as accepted at submission (checked again before each attempt)
 * @param event         what is posted, byte for byte the same on every attempt
 */
public record WebhookDelivery(int schemaVersion, String url, WebhookEvent event) implements Versioned {

    public static final int SCHEMA_VERSION = 1;
    public static final JsonSerde<WebhookDelivery> SERDE = new JsonSerde<>(WebhookDelivery.class, SCHEMA_VERSION);

    public static WebhookDelivery of(String url, WebhookEvent event) {
        return new WebhookDelivery(SCHEMA_VERSION, url, event);
    }
}
