package io.genfleet.worker.result;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** File extensions of the media types providers return, and a guess from the first bytes when none is given. */
final class MediaTypes {

    private static final Map<String, String> EXTENSIONS = Map.of("image/png", ".png", "image/jpeg", ".jpg",
            "image/webp", ".webp", "image/gif", ".gif", "video/mp4", ".mp4", "video/webm", ".webm",
            "video/quicktime", ".mov");

    private static final int SNIFF_BYTES = 16;

    private MediaTypes() {
    }

    /** The provider's type when it gave a specific one, else the guess from the file's first bytes (or null). */
    static String of(String given, Path file) throws IOException {
        String type = normalise(given);
        if (type != null) {
            return type;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return sniff(in.readNBytes(SNIFF_BYTES));
        }
    }

    /** The provider's type when it gave a specific one, else the guess from the content's first bytes (or null). */
    static String of(String given, byte[] content) {
        String type = normalise(given);
        return type != null ? type : sniff(Arrays.copyOf(content, Math.min(content.length, SNIFF_BYTES)));
    }

    /** {@code image/png; charset=...} → {@code image/png}; null for a missing or generic type. */
    static String normalise(String contentType) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.isEmpty() || type.equals("application/octet-stream") || type.equals("binary/octet-stream")
                ? null : type;
    }

    static String extension(String contentType) {
        return contentType == null ? ".bin" : EXTENSIONS.getOrDefault(contentType, ".bin");
    }

    /** The type the magic numbers of the common image and video formats say; null when none matches. */
    static String sniff(byte[] head) {
        if (startsWith(head, 0, 0x89, 'P', 'N', 'G')) {
            return "image/png";
        }
        if (startsWith(head, 0, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (startsWith(head, 0, 'R', 'I', 'F', 'F') && startsWith(head, 8, 'W', 'E', 'B', 'P')) {
            return "image/webp";
        }
        if (startsWith(head, 0, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (startsWith(head, 4, 'f', 't', 'y', 'p')) {
            return "video/mp4";
        }
        return null;
    }

    private static boolean startsWith(byte[] bytes, int offset, int... expected) {
        if (bytes.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((bytes[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
