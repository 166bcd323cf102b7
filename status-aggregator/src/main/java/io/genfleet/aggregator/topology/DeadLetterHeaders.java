package io.genfleet.aggregator.topology;

import io.genfleet.common.json.InvalidMessageException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The failure headers of a dead-lettered status record. Names and encodings are spring-kafka's
 * ({@link KafkaHeaders}{@code .DLT_*}), the same as the lane dead-letter topics, so one tool reads both.
 */
final class DeadLetterHeaders {

    static final int MAX_MESSAGE_LENGTH = 500;

    private DeadLetterHeaders() {
    }

    /** The original headers plus where the record came from and why it was refused. */
    static Headers of(Headers original, String topic, int partition, long offset, long timestamp, String reason) {
        RecordHeaders headers = new RecordHeaders(original == null ? null : original.toArray());
        headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(InvalidMessageException.class.getName()));
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(truncate(reason)));
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(topic));
        headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(Integer.BYTES).putInt(partition).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(offset).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, ByteBuffer.allocate(Long.BYTES).putLong(timestamp).array());
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String truncate(String text) {
        return text.length() <= MAX_MESSAGE_LENGTH ? text : text.substring(0, MAX_MESSAGE_LENGTH - 1) + "…";
    }
}
