package io.genfleet.common.security;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the entries of {@code GENFLEET_API_KEYS} (or of the key file): {@code secret} (every scope) or
 * {@code secret=scope+scope} with scopes {@code read}, {@code submit}, {@code operate}. Blank entries are dropped
 * (a trailing comma is harmless). Messages name the entry's position and the source, never the secret.
 */
public final class ApiKeyEntries {

    /** 16 characters: a guessable short key would make the check decorative. */
    public static final int MIN_KEY_LENGTH = 16;

    /** One parsed entry; the secret stays inside {@link ApiKeys}. */
    public record Entry(String secret, Set<Scope> scopes) {

        @Override
        public String toString() {
            return "Entry[scopes=" + scopes + "]";
        }
    }

    private ApiKeyEntries() {
    }

    /**
     * @param source  where the entries come from, for messages ({@code "GENFLEET_API_KEYS"}, a file name)
     * @param entries the entries, each possibly blank
     * @throws IllegalArgumentException naming the source and position of the first bad entry
     */
    public static List<Entry> parse(String source, List<String> entries) {
        List<String> present = entries == null ? List.of()
                : entries.stream().filter(e -> e != null && !e.isBlank()).map(String::strip).toList();
        List<Entry> parsed = new ArrayList<>();
        for (int i = 0; i < present.size(); i++) {
            parsed.add(parse(source, i + 1, present.size(), present.get(i)));
        }
        return parsed;
    }

    /** Splits on commas and line breaks and drops {@code #} comment lines: the key file's format. */
    public static List<String> split(String text) {
        List<String> entries = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (!line.strip().startsWith("#")) {
                entries.addAll(List.of(line.split(",")));
            }
        }
        return entries;
    }

    private static Entry parse(String source, int position, int count, String entry) {
        String where = source + ": key #" + position + " of " + count;
        int equals = entry.lastIndexOf('=');
        // A Base64 secret may end in '=' padding: only text after the last '=' that reads as scopes is taken as scopes.
        if (equals > 0 && equals < entry.length() - 1 && entry.substring(equals + 1).chars().allMatch(
                c -> Character.isLetter(c) || c == '+')) {
            String secret = entry.substring(0, equals).strip();
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            for (String name : entry.substring(equals + 1).split("\\+")) {
                scopes.add(Scope.fromWireName(name.strip()).orElseThrow(() -> new IllegalArgumentException(where
                        + " has an unknown scope; scopes are read, submit and operate, joined by '+'")));
            }
            return new Entry(checked(where, secret), scopes);
        }
        return new Entry(checked(where, entry), EnumSet.allOf(Scope.class));
    }

    private static String checked(String where, String secret) {
        if (secret.length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException(where + " has " + secret.length() + " characters; every API key needs "
                    + "at least " + MIN_KEY_LENGTH + " (e.g. openssl rand -base64 32)");
        }
        return secret;
    }
}
