package io.genfleet.producer.replay;

import io.genfleet.common.topic.DeadLetterHeaderNames;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Headers read from dead letters (written by the worker, see its {@code retry/DeadLetterHeaders}) and written
 * on requeued requests (provenance).
 */
public final class ReplayHeaders {

    /** Worker: the attempts made in the dead letter's epoch, a decimal string. */
    public static final String ATTEMPTS = DeadLetterHeaderNames.ATTEMPTS;
    /** Worker: the wire name of the last failure's error type. */
    public static final String ERROR_TYPE = DeadLetterHeaderNames.ERROR_TYPE;

    /** Requeued request: {@code topic/partition/offset} of the dead letter it was read from. */
    public static final String REPLAYED_FROM = "genfleet-replayed-from";
    /** Requeued request: when it was requeued (ISO-8601). */
    public static final String REPLAYED_AT = "genfleet-replayed-at";
    /** Requeued request: the id of the retry-failed call or replay run, the same for all its records. */
    public static final String REPLAY_ID = "genfleet-replay-id";
    /** Requeued request: {@code retry_failed} or {@code dlt_replay}. */
    public static final String REPLAY_SOURCE = "genfleet-replay-source";

    private ReplayHeaders() {
    }

    public static Optional<String> text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** A positive decimal, or empty when absent or not one. */
    public static Optional<Integer> positiveInt(Headers headers, String name) {
        return text(headers, name).flatMap(text -> {
            try {
                int value = Integer.parseInt(text.trim());
                return value >= 1 ? Optional.of(value) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
