package io.genfleet.common.security;

import java.util.Locale;
import java.util.Optional;

/**
 * What an API key may do. A key configured without scopes has all of them.
 *
 * <ul>
 *   <li>{@code read}: every {@code GET} under {@code /api} (batches, items, the event stream, dead letters, fleet);</li>
 *   <li>{@code submit}: {@code POST /api/batches};</li>
 *   <li>{@code operate}: retry-failed, item retry, dead-letter replay and any other change.</li>
 * </ul>
 */
public enum Scope {
    READ, SUBMIT, OPERATE;

    /** The spelling in {@code GENFLEET_API_KEYS} and in answers. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Scope> fromWireName(String name) {
        for (Scope scope : values()) {
            if (scope.wireName().equals(name)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
