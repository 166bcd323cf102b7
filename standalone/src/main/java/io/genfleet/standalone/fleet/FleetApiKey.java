package io.genfleet.standalone.fleet;

import io.genfleet.common.security.ApiKeyEntries;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;

/**
 * The API key of an all-in-one fleet: the first of the configured keys ({@code GENFLEET_API_KEYS} or the system
 * property {@code genfleet.api-keys}, as the producer binds them) when there are any, else one generated for this
 * run (256 random bits, URL-safe Base64) that the fleet is then started with.
 *
 * @param value     the key the fleet's own clients send
 * @param generated whether it was generated (so {@code serve} shows it; a configured key is never printed)
 */
public record FleetApiKey(String value, boolean generated) {

    /** The Spring property the producer reads its keys from. */
    public static final String PROPERTY = "genfleet.api-keys";

    @Override
    public String toString() {
        return "FleetApiKey[" + (generated ? "generated" : "configured") + "]";
    }

    /** From the fleet's own settings, else the process environment, else generated. */
    static FleetApiKey resolve(Map<String, String> extraSettings) {
        Optional<String> fromSettings = firstOf(extraSettings.get(PROPERTY));
        if (fromSettings.isPresent()) {
            return new FleetApiKey(fromSettings.get(), false);
        }
        return configured(new StandardEnvironment()).map(key -> new FleetApiKey(key, false))
                .orElseGet(FleetApiKey::generate);
    }

    /** The first key configured in this environment, with the producer's relaxed binding of the variable. */
    static Optional<String> configured(ConfigurableEnvironment environment) {
        return firstNonBlank(Binder.get(environment).bind(PROPERTY, Bindable.listOf(String.class)).orElse(List.of()));
    }

    static FleetApiKey generate() {
        return new FleetApiKey(GeneratedSecret.next(), true);
    }

    /**
     * The secret of the entry with the most scopes (the first of those) in a comma-separated list of keys as
     * GENFLEET_API_KEYS holds them ({@code secret} or {@code secret=scope+scope}), if any: the fleet's own clients
     * submit, read and retry.
     */
    public static Optional<String> firstOf(String commaSeparated) {
        return commaSeparated == null ? Optional.empty() : firstNonBlank(List.of(commaSeparated.split(",")));
    }

    private static Optional<String> firstNonBlank(List<String> keys) {
        List<ApiKeyEntries.Entry> entries;
        try {
            entries = ApiKeyEntries.parse(PROPERTY, keys);
        } catch (IllegalArgumentException e) {
            // The services refuse these keys at start-up with the full message; here the first entry is enough.
            return keys.stream().map(String::strip).filter(key -> !key.isEmpty()).findFirst();
        }
        return entries.stream().max(Comparator.comparingInt((ApiKeyEntries.Entry entry) -> entry.scopes().size())
                        .thenComparing(entry -> -entries.indexOf(entry)))
                .map(ApiKeyEntries.Entry::secret);
    }
}
