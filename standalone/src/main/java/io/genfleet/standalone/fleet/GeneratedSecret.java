package io.genfleet.standalone.fleet;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A secret made for one start of a fleet when none is configured: 256 bits from {@link SecureRandom}, URL-safe
 * Base64 without padding (43 characters), so it can be pasted into a header or an environment variable as it is.
 */
final class GeneratedSecret {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int RANDOM_BYTES = 32;

    private GeneratedSecret() {
    }

    static String next() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
