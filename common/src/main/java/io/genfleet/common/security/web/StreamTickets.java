package io.genfleet.common.security.web;

import io.genfleet.common.security.ApiKey;
import io.genfleet.common.security.Scope;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived, single-use tickets for the event stream. A browser's {@code EventSource} cannot send headers, and a
 * key in the URL would land in access logs and browser history; so the page asks for a ticket with its key
 * ({@code POST /api/batches/{id}/stream-tickets}) and opens {@code /api/batches/{id}/stream?ticket=...}. A logged
 * ticket is worthless: it is bound to one batch, expires after the ticket TTL, and this instance accepts it once.
 *
 * <p>A ticket is {@code payload.signature}, HMAC-SHA256 over the payload with the internal secret (or a random
 * key of this process when none is set), so any aggregator instance behind a load balancer accepts it; single use
 * is enforced per instance.
 */
public final class StreamTickets {

    public static final String PARAMETER = "ticket";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Ticket(String value, Instant expiresAt) {
    }

    private final byte[] signingKey;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Instant> used = new ConcurrentHashMap<>();

    StreamTickets(String sharedSecret, Duration ttl, Clock clock) {
        if (sharedSecret == null || sharedSecret.isEmpty()) {
            this.signingKey = new byte[32];
            RANDOM.nextBytes(signingKey);
        } else {
            this.signingKey = ("genfleet-stream-ticket:" + sharedSecret).getBytes(StandardCharsets.UTF_8);
        }
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A ticket for {@code key} to open the stream of {@code batchId} once. */
    public Ticket issue(ApiKey key, String batchId) {
        Instant expiresAt = clock.instant().plus(ttl);
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        String payload = String.join("|", "v1", batchId, Long.toString(expiresAt.toEpochMilli()),
                ENCODER.encodeToString(nonce), key.name());
        String encoded = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return new Ticket(encoded + "." + ENCODER.encodeToString(sign(encoded)), expiresAt);
    }

    /** The key the ticket was issued to, when it is genuine, unexpired, for this batch and not used before. */
    Optional<ApiKey> redeem(String ticket, String batchId) {
        if (ticket == null || batchId == null || ticket.length() > 1024) {
            return Optional.empty();
        }
        int dot = ticket.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String encoded = ticket.substring(0, dot);
        byte[] signature;
        String[] fields;
        try {
            signature = DECODER.decode(ticket.substring(dot + 1));
            fields = new String(DECODER.decode(encoded), StandardCharsets.UTF_8).split("\\|", -1);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(sign(encoded), signature) || fields.length != 5 || !fields[0].equals("v1")
                || !fields[1].equals(batchId)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant expiresAt;
        try {
            expiresAt = Instant.ofEpochMilli(Long.parseLong(fields[2]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!now.isBefore(expiresAt)) {
            return Optional.empty();
        }
        forgetExpired(now);
        if (used.putIfAbsent(fields[3], expiresAt) != null) {
            return Optional.empty();
        }
        return Optional.of(new ApiKey(fields[4], Set.of(Scope.READ)));
    }

    private void forgetExpired(Instant now) {
        for (Iterator<Instant> it = used.values().iterator(); it.hasNext(); ) {
            if (!now.isBefore(it.next())) {
                it.remove();
            }
        }
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
