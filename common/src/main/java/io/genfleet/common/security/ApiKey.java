package io.genfleet.common.security;

import java.util.Set;

/**
 * Who a request authenticated as: a name that is safe to log and the scopes of the key. Never holds the secret.
 *
 * @param name   {@code key-} and the first 8 hex digits of the secret's SHA-256: stable across restarts and
 *               rotations of other keys, and useless for guessing the secret (a key has at least 16 characters)
 * @param scopes what the key may do
 */
public record ApiKey(String name, Set<Scope> scopes) {

    public ApiKey {
        scopes = Set.copyOf(scopes);
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }
}
