package io.genfleet.common.security.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The shared secret of {@code /internal/**} between aggregator instances, sent in the header {@value #HEADER}.
 * Separate from the API keys: a client key never opens the internal routes, and rotating client keys never
 * breaks the instances' conversation.
 */
public final class InternalSecret {

    public static final String HEADER = "X-Genfleet-Internal";

    private final byte[] secret;

    public InternalSecret(String secret) {
        this.secret = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
    }

    public boolean isConfigured() {
        return secret.length > 0;
    }

    /** The value to send; only for the instances' own client. */
    public String value() {
        return new String(secret, StandardCharsets.UTF_8);
    }

    boolean matches(String presented) {
        return isConfigured() && presented != null
                && MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8));
    }
}
