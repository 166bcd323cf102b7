package io.genfleet.worker.retry;

import io.genfleet.common.status.ErrorType;
import io.genfleet.common.topic.DeadLetterHeaderNames;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.worker.provider.FailureClassifier;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.SingleRecordHeader;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The failure headers of records the worker forwards to a delay or dead-letter topic.
 *
 * <ul>
 *   <li>spring-kafka's {@code kafka_dlt-original-topic/-partition/-offset/-timestamp/-consumer-group} of the
 *       FIRST origin (the lane topic record; kept, not appended, on every hop) and
 *       {@code kafka_dlt-exception-fqcn/-cause-fqcn/-message} of the LAST failure (replaced on every hop) —
 *       the {@code kafka_dlt-*} names, as on the status dead-letter topic, rather than the
 *       {@code kafka_*} names spring-kafka's retry topics use by default; no stack trace;</li>
 *   <li>{@value #ATTEMPTS}: the attempts made in this epoch when the record was forwarded, a decimal string
 *       (on a dead letter: the attempt that failed last), and {@value #ERROR_TYPE}: the wire name of the
 *       failure's {@link ErrorType}.</li>
 * </ul>
 * Integers in spring-kafka's headers are big-endian binary (partition 4 bytes, offset 8 bytes).
 */
public final class DeadLetterHeaders {

    public static final String ATTEMPTS = DeadLetterHeaderNames.ATTEMPTS;
    public static final String ERROR_TYPE = DeadLetterHeaderNames.ERROR_TYPE;

    private final TopicCatalog catalog;

    public DeadLetterHeaders(TopicCatalog catalog) {
        this.catalog = catalog;
    }

    /** spring-kafka's header names, switched to the {@code kafka_dlt-*} spelling. */
    public static HeaderNames springHeaderNames() {
        return HeaderNames.Builder.original()
                .offsetHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET)
                .timestampHeader(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP)
                .timestampTypeHeader(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP_TYPE)
                .topicHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC)
                .partitionHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION)
                .consumerGroupHeader(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)
                .exception()
                .keyExceptionFqcn(KafkaHeaders.DLT_KEY_EXCEPTION_FQCN)
                .exceptionFqcn(KafkaHeaders.DLT_EXCEPTION_FQCN)
                .exceptionCauseFqcn(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN)
                .keyExceptionMessage(KafkaHeaders.DLT_KEY_EXCEPTION_MESSAGE)
                .exceptionMessage(KafkaHeaders.DLT_EXCEPTION_MESSAGE)
                .keyExceptionStacktrace(KafkaHeaders.DLT_KEY_EXCEPTION_STACKTRACE)
                .exceptionStacktrace(KafkaHeaders.DLT_EXCEPTION_STACKTRACE)
                .build();
    }

    /**
     * The worker's headers for a record that failed on {@code failed.topic()}; single-valued, so they
     * replace those of an earlier hop instead of piling up.
     */
    public Headers forFailure(ConsumerRecord<?, ?> failed, Exception failure) {
        Headers headers = new RecordHeaders();
        catalog.attemptOf(failed.topic()).ifPresent(attempt ->
                headers.add(new SingleRecordHeader(ATTEMPTS, ascii(Integer.toString(attempt)))));
        headers.add(new SingleRecordHeader(ERROR_TYPE, ascii(FailureClassifier.errorTypeOf(failure).wireName())));
        return headers;
    }

    /** The attempt that failed last, from {@value #ATTEMPTS}. */
    public static OptionalInt attempts(Headers headers) {
        return text(headers, ATTEMPTS).flatMap(DeadLetterHeaders::positiveInt)
                .map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    public static Optional<ErrorType> errorType(Headers headers) {
        return text(headers, ERROR_TYPE).flatMap(name -> {
            try {
                return Optional.of(ErrorType.fromWireName(name));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    public static Optional<String> text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static Optional<Integer> positiveInt(String text) {
        try {
            int value = Integer.parseInt(text.trim());
            return value >= 1 ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
