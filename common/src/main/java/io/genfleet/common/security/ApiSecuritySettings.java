package io.genfleet.common.security;

import io.genfleet.common.config.SettingsDefaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the HTTP API of a genfleet service (producer, aggregator, standalone). Bound from {@code genfleet.*}:
 *
 * @param apiKeys        {@code GENFLEET_API_KEYS}: comma-separated {@code secret} or {@code secret=scope+scope}
 *                       entries (see {@link ApiKeyEntries})
 * @param apiKeysFile    {@code GENFLEET_API_KEYS_FILE}: a file of further entries (commas or lines, {@code #}
 *                       comments), re-read when it changes; empty for none
 * @param internalSecret {@code GENFLEET_INTERNAL_SECRET}: the shared secret of {@code /internal/**} between
 *                       aggregator instances (header {@value io.genfleet.common.security.web.InternalSecret#HEADER}),
 *                       and the key that signs stream tickets so that any instance accepts them; empty: internal
 *                       routes are refused and tickets are signed with a key of this process
 * @param security       the rest of the settings
 */
@ConfigurationProperties("genfleet")
public record ApiSecuritySettings(
        @DefaultValue List<String> apiKeys,
        @DefaultValue("") String apiKeysFile,
        @DefaultValue("") String internalSecret,
        @DefaultValue Security security) {

    public ApiSecuritySettings {
        apiKeys = apiKeys == null ? List.of() : apiKeys;
        apiKeysFile = apiKeysFile == null ? "" : apiKeysFile.strip();
        internalSecret = internalSecret == null ? "" : internalSecret.strip();
        security = Objects.requireNonNullElseGet(security, Security::defaults);
        if (!internalSecret.isEmpty() && internalSecret.length() < ApiKeyEntries.MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("genfleet.internal-secret (GENFLEET_INTERNAL_SECRET) has "
                    + internalSecret.length() + " characters; it needs at least " + ApiKeyEntries.MIN_KEY_LENGTH);
        }
    }

    public Path keyFile() {
        return apiKeysFile.isEmpty() ? null : Path.of(apiKeysFile);
    }

    /**
     * @param allowAnonymous         with no key configured at all, let every request through (a trusted network or a
     *                               gateway that authenticates); logged at WARN. Ignored once a key is configured
     * @param keyFileCheckInterval   how often the key file is looked at for changes (default 2s)
     * @param submitPerMinute        submissions per key and minute, in a burst or spread out; 0 for no limit (default 60)
     * @param operatePerMinute       operations (retry-failed, item retry, replay) per key and minute; 0 for no limit
     *                               (default 30)
     * @param streamTicketTtl        how long a stream ticket may wait for its one use (default 30s)
     */
    public record Security(
            @DefaultValue("false") boolean allowAnonymous,
            @DefaultValue("2s") Duration keyFileCheckInterval,
            @DefaultValue("60") int submitPerMinute,
            @DefaultValue("30") int operatePerMinute,
            @DefaultValue("30s") Duration streamTicketTtl) {

        public Security {
            if (submitPerMinute < 0 || operatePerMinute < 0) {
                throw new IllegalArgumentException("genfleet.security.submit-per-minute and operate-per-minute must "
                        + "be 0 (no limit) or more");
            }
            keyFileCheckInterval = keyFileCheckInterval == null ? Duration.ofSeconds(2) : keyFileCheckInterval;
            streamTicketTtl = streamTicketTtl == null ? Duration.ofSeconds(30) : streamTicketTtl;
            if (streamTicketTtl.compareTo(Duration.ofSeconds(1)) < 0 || streamTicketTtl.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("genfleet.security.stream-ticket-ttl must be between 1s and 5m");
            }
        }

        public static Security defaults() {
            return SettingsDefaults.of(Security.class);
        }
    }
}
