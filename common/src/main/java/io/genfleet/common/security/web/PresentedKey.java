package io.genfleet.common.security.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/** Reads the key a request presents: {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}. */
final class PresentedKey {

    static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "bearer ";

    private PresentedKey() {
    }

    /** The presented key, or {@code null} when the request carries none. Bearer wins when both are sent. */
    static String of(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.length() > BEARER.length()
                && authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return authorization.substring(BEARER.length()).strip();
        }
        String apiKey = request.getHeader(API_KEY_HEADER);
        return apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    }
}
