package io.genfleet.producer.security;

import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the producer's mutating endpoints. Bound from {@code genfleet.api-keys} (the environment variable
 * {@code GENFLEET_API_KEYS}, comma-separated) and {@code genfleet.security.allow-anonymous}.
 *
 * <p>Entries are trimmed and blank ones dropped (a trailing comma is harmless); a key shorter than
 * {@value #MIN_KEY_LENGTH} characters fails the start-up. The message names the entry's position and length,
 * never the key.
 *
 * @param apiKeys  the accepted keys; none means every mutating request is refused unless {@code security.allow-anonymous}
 * @param security the explicit opt-out of authentication
 */
@ConfigurationProperties("genfleet")
public record ApiKeySettings(@DefaultValue List<String> apiKeys, @DefaultValue Security security) {

    /** 16 characters: a guessable short key would make the check decorative. */
    public static final int MIN_KEY_LENGTH = 16;

    public ApiKeySettings {
        apiKeys = normalise(apiKeys);
        security = Objects.requireNonNullElse(security, new Security(false));
    }

    /**
     * @param allowAnonymous accept mutating requests without a key when no key is configured (a trusted network
     *                       or a gateway that authenticates); logged at WARN on start-up. Ignored when keys are set.
     */
    public record Security(@DefaultValue("false") boolean allowAnonymous) {
    }

    private static List<String> normalise(List<String> keys) {
        List<String> trimmed = keys == null ? List.of()
                : keys.stream().filter(Objects::nonNull).map(String::strip).filter(key -> !key.isEmpty()).toList();
        for (int i = 0; i < trimmed.size(); i++) {
            if (trimmed.get(i).length() < MIN_KEY_LENGTH) {
                throw new IllegalArgumentException("genfleet.api-keys (GENFLEET_API_KEYS): key #" + (i + 1) + " of "
                        + trimmed.size() + " has " + trimmed.get(i).length() + " characters; every API key needs at least "
                        + MIN_KEY_LENGTH + " (e.g. openssl rand -base64 32)");
            }
        }
        return trimmed;
    }
}
