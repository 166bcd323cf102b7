package io.genfleet.common.request;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The rule of a storyboard video's {@code imageUri}: an absolute {@code http} or {@code https} URI with a host, at
 * most {@value #MAX_LENGTH} characters. The provider fetches it itself, so it must be reachable from the provider,
 * not from genfleet; genfleet never fetches it.
 */
public final class ImageUri {

    public static final int MAX_LENGTH = 2048;

    private ImageUri() {
    }

    /** What is wrong with {@code value}, or empty when it is a valid image URI. */
    public static Optional<String> problem(String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return Optional.of("is not a URI: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of("must be an absolute https or http URI");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("must name a host");
        }
        return Optional.empty();
    }

    /**
     * @return {@code value}, valid
     * @throws IllegalArgumentException when it is not
     */
    public static String require(String value) {
        problem(value).ifPresent(problem -> {
            throw new IllegalArgumentException("imageUri " + problem);
        });
        return value;
    }
}
