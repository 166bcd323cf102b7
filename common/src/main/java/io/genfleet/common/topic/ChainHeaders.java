package io.genfleet.common.topic;

import io.genfleet.common.status.ErrorType;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Every header genfleet puts on the records of a lane chain (delayed requests, dead letters, requeued requests)
 * and on status dead letters, with its encoding: the one place writers and readers share.
 *
 * <p>The {@code kafka_dlt-*} and {@code retry_topic-*} names and encodings are spring-kafka's (its
 * {@code KafkaHeaders.DLT_*} and {@code RetryTopicHeaders}), kept so that records written by earlier versions and
 * by spring-kafka tooling read the same; {@code ChainHeadersTest} pins them to spring-kafka's constants.
 * <ul>
 *   <li>{@code kafka_dlt-original-*}: the FIRST origin (the lane-topic record), kept on every hop; partition a
 *       4-byte and offset and timestamp 8-byte big-endian integers, the rest UTF-8;</li>
 *   <li>{@code kafka_dlt-exception-*}: the LAST failure (class, cause class, message), replaced on every hop;
 *       never a stack trace;</li>
 *   <li>{@value #DUE_AT}: when a delayed attempt is due, epoch ms as a big-endian two's-complement integer
 *       of minimal length ({@code BigInteger#toByteArray}); {@value #RETRY_ATTEMPTS} a 4-byte integer;</li>
 *   <li>genfleet's own, decimal or plain UTF-8 text: {@value #ATTEMPTS}, {@value #ERROR_TYPE} and the
 *       {@code genfleet-replay*} provenance of a requeued request.</li>
 * </ul>
 */
public final class ChainHeaders {

    public static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    public static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";
    public static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";
    public static final String ORIGINAL_TIMESTAMP = "kafka_dlt-original-timestamp";
    public static final String ORIGINAL_TIMESTAMP_TYPE = "kafka_dlt-original-timestamp-type";
    public static final String ORIGINAL_CONSUMER_GROUP = "kafka_dlt-original-consumer-group";
    public static final String EXCEPTION_FQCN = "kafka_dlt-exception-fqcn";
    public static final String EXCEPTION_CAUSE_FQCN = "kafka_dlt-exception-cause-fqcn";
    public static final String EXCEPTION_MESSAGE = "kafka_dlt-exception-message";
    public static final String EXCEPTION_STACKTRACE = "kafka_dlt-exception-stacktrace";

    /** When a delayed attempt is due (absent on a lane topic). */
    public static final String DUE_AT = "retry_topic-backoff-timestamp";
    /** spring-kafka's count: attempts made + 1. */
    public static final String RETRY_ATTEMPTS = "retry_topic-attempts";
    /** The timestamp of the first record of the chain. */
    public static final String RETRY_ORIGINAL_TIMESTAMP = "retry_topic-original-timestamp";

    /** The attempts made in the record's epoch when it was forwarded, a decimal string. */
    public static final String ATTEMPTS = "genfleet-attempts";
    /** The wire name of the last failure's error type. */
    public static final String ERROR_TYPE = "genfleet-error-type";
    /** Requeued request: {@code topic/partition/offset} of the dead letter it was read from. */
    public static final String REPLAYED_FROM = "genfleet-replayed-from";
    /** Requeued request: when it was requeued (ISO-8601). */
    public static final String REPLAYED_AT = "genfleet-replayed-at";
    /** Requeued request: the id of the retry-failed call or replay run, the same for all its records. */
    public static final String REPLAY_ID = "genfleet-replay-id";
    /** Requeued request: {@code retry_failed} or {@code dlt_replay}. */
    public static final String REPLAY_SOURCE = "genfleet-replay-source";

    /** Enough for any reason worth reading; an unbounded message could push a record over the size limit. */
    public static final int MAX_MESSAGE_BYTES = 2048;

    /** Prefixes of the headers that describe an earlier trip through a lane chain. */
    private static final List<String> CHAIN_PREFIXES = List.of("retry_topic-", "kafka_dlt-", "genfleet-");

    private ChainHeaders() {
    }

    // --- reading ---

    public static Optional<String> text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** A positive decimal header, or empty when absent or not one. */
    public static OptionalInt positiveInt(Headers headers, String name) {
        Optional<String> text = text(headers, name);
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int value = Integer.parseInt(text.get().trim());
            return value >= 1 ? OptionalInt.of(value) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** The attempt that failed last, from {@value #ATTEMPTS}. */
    public static OptionalInt attempts(Headers headers) {
        return positiveInt(headers, ATTEMPTS);
    }

    /** The last failure's error type, from {@value #ERROR_TYPE}; empty when absent or unknown. */
    public static Optional<ErrorType> errorType(Headers headers) {
        return text(headers, ERROR_TYPE).flatMap(name -> {
            try {
                return Optional.of(ErrorType.fromWireName(name));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /** When a delayed attempt became due (absent on a lane topic). */
    public static Optional<Instant> dueAt(Headers headers) {
        Header header = headers.lastHeader(DUE_AT);
        if (header == null || header.value() == null || header.value().length == 0 || header.value().length > 16) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(new BigInteger(header.value()).longValue()));
    }

    /** spring-kafka's attempts count as it reads it: 1 when absent or unreadable. */
    public static int retryAttempts(Headers headers) {
        Header header = headers.lastHeader(RETRY_ATTEMPTS);
        if (header == null || header.value() == null) {
            return 1;
        }
        byte[] value = header.value();
        int attempts = value.length == Integer.BYTES ? ByteBuffer.wrap(value).getInt()
                : value.length == 1 ? Byte.toUnsignedInt(value[0]) : 1;
        return Math.max(attempts, 1);
    }

    // --- writing ---

    /**
     * Drops the chain headers of a record read from a lane topic. A request replayed from a dead-letter topic
     * may still carry them; its attempts would then count from the old trip, and the old origin would be reported.
     */
    public static void stripChain(Headers headers) {
        for (Header header : headers.toArray()) {
            if (CHAIN_PREFIXES.stream().anyMatch(header.key()::startsWith)) {
                headers.remove(header.key());
            }
        }
    }

    /** The first origin's headers, unless an earlier hop already wrote them. */
    public static void addOrigin(Headers headers, String topic, int partition, long offset, long timestamp,
                                 String timestampType, String groupId) {
        addIfAbsent(headers, ORIGINAL_TOPIC, utf8(topic));
        addIfAbsent(headers, ORIGINAL_PARTITION, int4(partition));
        addIfAbsent(headers, ORIGINAL_OFFSET, long8(offset));
        addIfAbsent(headers, ORIGINAL_TIMESTAMP, long8(timestamp));
        if (timestampType != null) {
            addIfAbsent(headers, ORIGINAL_TIMESTAMP_TYPE, utf8(timestampType));
        }
        if (groupId != null) {
            addIfAbsent(headers, ORIGINAL_CONSUMER_GROUP, utf8(groupId));
        }
    }

    /** This failure's class, cause class and message (truncated), replacing an earlier hop's; no stack trace. */
    public static void setFailure(Headers headers, Throwable failure) {
        replace(headers, EXCEPTION_FQCN, utf8(failure.getClass().getName()));
        headers.remove(EXCEPTION_CAUSE_FQCN);
        if (failure.getCause() != null && failure.getCause() != failure) {
            headers.add(EXCEPTION_CAUSE_FQCN, utf8(failure.getCause().getClass().getName()));
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        replace(headers, EXCEPTION_MESSAGE, utf8(truncate(message)));
        headers.remove(EXCEPTION_STACKTRACE);
    }

    /** The delay bookkeeping of a forwarded record: due time, attempts count, the chain's first timestamp. */
    public static void setRetry(Headers headers, Instant dueAt, long recordTimestamp) {
        if (headers.lastHeader(RETRY_ORIGINAL_TIMESTAMP) == null) {
            headers.add(RETRY_ORIGINAL_TIMESTAMP, BigInteger.valueOf(recordTimestamp).toByteArray());
        }
        replace(headers, RETRY_ATTEMPTS, int4(retryAttempts(headers) + 1));
        replace(headers, DUE_AT, BigInteger.valueOf(dueAt.toEpochMilli()).toByteArray());
    }

    /** genfleet's own failure headers: the attempt that failed (when known) and the error type. */
    public static void setAttemptFailure(Headers headers, OptionalInt attempt, ErrorType type) {
        headers.remove(ATTEMPTS);
        attempt.ifPresent(value -> headers.add(ATTEMPTS, ascii(Integer.toString(value))));
        replace(headers, ERROR_TYPE, ascii(type.wireName()));
    }

    public static void replace(Headers headers, String name, byte[] value) {
        headers.remove(name);
        headers.add(name, value);
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String truncate(String message) {
        byte[] bytes = utf8(message);
        if (bytes.length <= MAX_MESSAGE_BYTES) {
            return message;
        }
        // Cut on a character boundary: decoding a cut multi-byte sequence would add a replacement character.
        String cut = new String(bytes, 0, MAX_MESSAGE_BYTES - 3, StandardCharsets.UTF_8);
        if (!cut.isEmpty() && cut.charAt(cut.length() - 1) == '\uFFFD') {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }

    private static void addIfAbsent(Headers headers, String name, byte[] value) {
        if (headers.lastHeader(name) == null) {
            headers.add(name, value);
        }
    }

    private static byte[] int4(int value) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(value).array();
    }

    private static byte[] long8(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
