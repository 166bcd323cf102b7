package io.genfleet.common.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding for URLs we build. {@link URLEncoder} writes form encoding, where a space is {@code +}; in a path
 * or a query value read back as a path a {@code +} stays a plus, so spaces become {@code %20} here.
 */
public final class UrlEncoding {

    private UrlEncoding() {
    }

    /** The value as one path segment (a {@code /} in it is encoded too) or as a query parameter's name or value. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
