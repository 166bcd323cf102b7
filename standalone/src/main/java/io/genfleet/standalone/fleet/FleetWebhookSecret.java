package io.genfleet.standalone.fleet;

import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The key an all-in-one fleet signs its webhook deliveries with ({@code Genfleet-Signature}): the configured
 * {@code genfleet.webhooks.secret} when there is one, else one generated for this start. Without a secret the
 * aggregator delivers nothing: a storyboard's {@code notify} would be accepted and its events would wait on their
 * topic. The same rule as the API key: a configured one wins, else a new one on every start.
 *
 * @param value     the signing key; a receiver verifies with it
 * @param generated whether it was generated (so {@code serve} shows it; a configured secret is never printed)
 */
public record FleetWebhookSecret(String value, boolean generated) {

    /** The Spring property the aggregator reads the secret from ({@code GENFLEET_WEBHOOKS_SECRET}). */
    public static final String PROPERTY = "genfleet.webhooks.secret";

    static final String GENERATED_SOURCE = "genfleet-generated-webhook-secret";

    @Override
    public String toString() {
        return "FleetWebhookSecret[" + (generated ? "generated" : "configured") + "]";
    }

    /**
     * The secret of the fleet about to start in {@code environment}, read as the aggregator binds it (variable,
     * system property, config files, the fleet's own settings). A generated one is put into the environment, first,
     * so that the aggregator signs with it and a blank variable (which configures no secret) cannot hide it.
     */
    static FleetWebhookSecret establishIn(ConfigurableEnvironment environment) {
        String configured = Binder.get(environment).bind(PROPERTY, String.class).orElse("");
        if (!configured.isBlank()) {
            return new FleetWebhookSecret(configured, false);
        }
        FleetWebhookSecret secret = new FleetWebhookSecret(GeneratedSecret.next(), true);
        environment.getPropertySources().addFirst(new MapPropertySource(GENERATED_SOURCE, Map.of(PROPERTY, secret.value())));
        return secret;
    }
}
