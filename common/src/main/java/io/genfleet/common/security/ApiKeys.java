package io.genfleet.common.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The accepted keys, held as SHA-256 digests for the check. A presented key is digested and compared with every
 * accepted digest by {@link MessageDigest#isEqual} (constant time for equal lengths, and all digests have the same
 * length), without stopping at the first match, so the answer time says nothing about the keys.
 *
 * <p>The secrets themselves are kept only for {@link #secretWith}: a service that calls another genfleet service
 * (the producer asking the aggregator whether a batch id is taken) presents one of its own keys.
 */
public final class ApiKeys {

    private record Accepted(byte[] digest, ApiKey key, String secret) {
    }

    private final List<Accepted> accepted;

    public ApiKeys(List<ApiKeyEntries.Entry> entries) {
        this.accepted = entries.stream()
                .map(entry -> {
                    byte[] digest = sha256(entry.secret());
                    return new Accepted(digest, new ApiKey(nameOf(digest), entry.scopes()), entry.secret());
                })
                .toList();
    }

    public static ApiKeys none() {
        return new ApiKeys(List.of());
    }

    public boolean isEmpty() {
        return accepted.isEmpty();
    }

    public int size() {
        return accepted.size();
    }

    /** The key {@code presented} is, if any; {@code null} or empty never is one. */
    public Optional<ApiKey> authenticate(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = sha256(presented);
        ApiKey match = null;
        for (Accepted each : accepted) {
            if (MessageDigest.isEqual(each.digest(), digest)) {
                match = each.key();
            }
        }
        return Optional.ofNullable(match);
    }

    /** The first configured secret that has {@code scope}, for this service's own calls to another service. */
    public Optional<String> secretWith(Scope scope) {
        return accepted.stream().filter(each -> each.key().has(scope)).map(Accepted::secret).findFirst();
    }

    /** The loggable name of a secret: {@code key-} and 8 hex digits of its SHA-256. */
    public static String nameOf(String secret) {
        return nameOf(sha256(secret));
    }

    private static String nameOf(byte[] digest) {
        return "key-" + HexFormat.of().formatHex(digest, 0, 4);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
