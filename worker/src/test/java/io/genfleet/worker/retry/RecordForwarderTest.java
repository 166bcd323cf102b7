package io.genfleet.worker.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.json.InvalidMessageException;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.topic.ChainHeaders;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.worker.provider.GenerationException;
import io.genfleet.worker.provider.RetryableGenerationException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.retrytopic.RetryTopicHeaders;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * A forward carries the {@link ChainHeaders}: the due time, attempts and error type, the first origin and the
 * last failure, in spring-kafka's names and encodings (so the dead-letter readers and older records agree).
 */
class RecordForwarderTest {

    private static final TopicCatalog CATALOG = TopicCatalog.defaults();
    /** Only the headers are tested: no producer. */
    private final RecordForwarder forwarder = new RecordForwarder((KafkaOperations<byte[], byte[]>) null, CATALOG);

    private static ConsumerRecord<byte[], byte[]> record(String topic, int partition, long offset, Headers headers) {
        return new ConsumerRecord<>(topic, partition, offset, 1_700_000_000_000L, TimestampType.CREATE_TIME, 0, 0,
                "b/scene_0".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8), headers,
                Optional.empty());
    }

    @Test
    void aFirstFailureRecordsTheOriginTheDueTimeAndTheAttempt() {
        Instant due = Instant.parse("2026-01-01T00:00:02.345Z");
        Headers headers = forwarder.headers(record("genfleet.image.requests", 3, 42, new RecordHeaders()),
                GenerationException.of(ErrorType.RATE_LIMITED, "slow down"), due, "genfleet-worker-image");

        assertThat(ChainHeaders.dueAt(headers)).contains(due);
        assertThat(ChainHeaders.attempts(headers)).hasValue(1);
        assertThat(ChainHeaders.errorType(headers)).contains(ErrorType.RATE_LIMITED);
        assertThat(text(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo("genfleet.image.requests");
        assertThat(ByteBuffer.wrap(headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION).value()).getInt()).isEqualTo(3);
        assertThat(ByteBuffer.wrap(headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET).value()).getLong()).isEqualTo(42);
        assertThat(text(headers, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)).isEqualTo("genfleet-worker-image");
        assertThat(text(headers, KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(RetryableGenerationException.class.getName());
        assertThat(text(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isEqualTo("slow down");
        assertThat(headers.lastHeader(KafkaHeaders.DLT_EXCEPTION_STACKTRACE)).isNull();
        assertThat(ByteBuffer.wrap(headers.lastHeader(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS).value()).getInt())
                .as("spring-kafka's count: attempts made + 1").isEqualTo(2);
    }

    @Test
    void laterHopsKeepTheFirstOriginAndReplaceTheFailureWithoutGrowing() {
        Headers first = forwarder.headers(record("genfleet.image.requests", 1, 7, new RecordHeaders()),
                GenerationException.of(ErrorType.TIMEOUT, "first"), Instant.ofEpochMilli(2_000), "genfleet-worker-image");
        Headers second = forwarder.headers(record("genfleet.image.requests-retry-2000", 1, 99, first),
                GenerationException.of(ErrorType.TRANSIENT, "second"), Instant.ofEpochMilli(9_000),
                "genfleet-worker-image-retry-2000");

        assertThat(text(second, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo("genfleet.image.requests");
        assertThat(ByteBuffer.wrap(second.lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET).value()).getLong()).isEqualTo(7);
        assertThat(text(second, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isEqualTo("second");
        assertThat(ChainHeaders.attempts(second)).hasValue(2);
        assertThat(ChainHeaders.errorType(second)).contains(ErrorType.TRANSIENT);
        assertThat(ChainHeaders.dueAt(second)).contains(Instant.ofEpochMilli(9_000));
        assertThat(ByteBuffer.wrap(second.lastHeader(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS).value()).getInt())
                .isEqualTo(3);
        for (Headers hop : new Headers[] {first, second}) {
            for (var header : hop) {
                assertThat(hop.headers(header.key())).as("one %s header", header.key()).hasSize(1);
            }
        }
        assertThat(second.toArray()).as("no header added on the second hop").hasSameSizeAs(first.toArray());
    }

    @Test
    void anUnreadableRecordIsDeadLetteredAsAnInvalidMessageOfItsFirstAttempt() {
        Headers headers = forwarder.headers(record("genfleet.video.requests", 0, 0, new RecordHeaders()),
                new InvalidMessageException("invalid GenerationRequest JSON"), Instant.now(), "genfleet-worker-video");
        assertThat(text(headers, KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(InvalidMessageException.class.getName());
        assertThat(ChainHeaders.errorType(headers)).contains(ErrorType.INVALID_MESSAGE);
        assertThat(ChainHeaders.attempts(headers)).hasValue(1);
    }

    private static String text(Headers headers, String name) {
        return headers.lastHeader(name) == null ? null
                : new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
