package io.genfleet.common.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.status.ErrorType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalInt;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.retrytopic.RetryTopicHeaders;
import org.springframework.kafka.support.KafkaHeaders;

class ChainHeadersTest {

    @Test
    void theNamesAreSpringKafkasSoOlderRecordsAndItsToolsReadTheSame() {
        assertThat(ChainHeaders.ORIGINAL_TOPIC).isEqualTo(KafkaHeaders.DLT_ORIGINAL_TOPIC);
        assertThat(ChainHeaders.ORIGINAL_PARTITION).isEqualTo(KafkaHeaders.DLT_ORIGINAL_PARTITION);
        assertThat(ChainHeaders.ORIGINAL_OFFSET).isEqualTo(KafkaHeaders.DLT_ORIGINAL_OFFSET);
        assertThat(ChainHeaders.ORIGINAL_TIMESTAMP).isEqualTo(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP);
        assertThat(ChainHeaders.ORIGINAL_TIMESTAMP_TYPE).isEqualTo(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP_TYPE);
        assertThat(ChainHeaders.ORIGINAL_CONSUMER_GROUP).isEqualTo(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP);
        assertThat(ChainHeaders.EXCEPTION_FQCN).isEqualTo(KafkaHeaders.DLT_EXCEPTION_FQCN);
        assertThat(ChainHeaders.EXCEPTION_CAUSE_FQCN).isEqualTo(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN);
        assertThat(ChainHeaders.EXCEPTION_MESSAGE).isEqualTo(KafkaHeaders.DLT_EXCEPTION_MESSAGE);
        assertThat(ChainHeaders.EXCEPTION_STACKTRACE).isEqualTo(KafkaHeaders.DLT_EXCEPTION_STACKTRACE);
        assertThat(ChainHeaders.DUE_AT).isEqualTo(RetryTopicHeaders.DEFAULT_HEADER_BACKOFF_TIMESTAMP);
        assertThat(ChainHeaders.RETRY_ATTEMPTS).isEqualTo(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS);
        assertThat(ChainHeaders.RETRY_ORIGINAL_TIMESTAMP).isEqualTo(RetryTopicHeaders.DEFAULT_HEADER_ORIGINAL_TIMESTAMP);
    }

    @Test
    void theFirstOriginIsKeptAndTheLastFailureReplacesTheOneBefore() {
        Headers headers = new RecordHeaders();
        ChainHeaders.addOrigin(headers, "genfleet.image.requests", 3, 17L, 1_000L, "CREATE_TIME", "g");
        ChainHeaders.setFailure(headers, new IllegalStateException("first"));
        ChainHeaders.addOrigin(headers, "genfleet.image.requests-retry-2000", 3, 99L, 2_000L, "CREATE_TIME", "g-r");
        ChainHeaders.setFailure(headers, new IllegalArgumentException("second", new RuntimeException("cause")));

        assertThat(ChainHeaders.text(headers, ChainHeaders.ORIGINAL_TOPIC)).contains("genfleet.image.requests");
        assertThat(ByteBuffer.wrap(headers.lastHeader(ChainHeaders.ORIGINAL_PARTITION).value()).getInt()).isEqualTo(3);
        assertThat(ByteBuffer.wrap(headers.lastHeader(ChainHeaders.ORIGINAL_OFFSET).value()).getLong()).isEqualTo(17L);
        assertThat(headers.headers(ChainHeaders.ORIGINAL_OFFSET)).hasSize(1);
        assertThat(ChainHeaders.text(headers, ChainHeaders.EXCEPTION_FQCN)).contains(IllegalArgumentException.class.getName());
        assertThat(ChainHeaders.text(headers, ChainHeaders.EXCEPTION_CAUSE_FQCN)).contains(RuntimeException.class.getName());
        assertThat(ChainHeaders.text(headers, ChainHeaders.EXCEPTION_MESSAGE)).contains("second");
        assertThat(headers.headers(ChainHeaders.EXCEPTION_MESSAGE)).hasSize(1);
        assertThat(headers.lastHeader(ChainHeaders.EXCEPTION_STACKTRACE)).isNull();
    }

    @Test
    void theDueTimeAndSpringKafkasAttemptCountRoundTrip() {
        Headers headers = new RecordHeaders();
        ChainHeaders.setRetry(headers, Instant.ofEpochMilli(1_733_000_000_123L), 5L);
        ChainHeaders.setRetry(headers, Instant.ofEpochMilli(1_733_000_004_000L), 6L);
        assertThat(ChainHeaders.dueAt(headers)).contains(Instant.ofEpochMilli(1_733_000_004_000L));
        assertThat(ChainHeaders.retryAttempts(headers)).isEqualTo(3);
        assertThat(headers.headers(ChainHeaders.DUE_AT)).hasSize(1);
        assertThat(new java.math.BigInteger(headers.lastHeader(ChainHeaders.RETRY_ORIGINAL_TIMESTAMP).value()))
                .as("the chain's first timestamp is kept").hasToString("5");
    }

    @Test
    void attemptAndErrorTypeAreDecimalAndWireNameAndGarbageReadsAsAbsent() {
        Headers headers = new RecordHeaders();
        ChainHeaders.setAttemptFailure(headers, OptionalInt.of(4), ErrorType.RATE_LIMITED);
        assertThat(ChainHeaders.text(headers, ChainHeaders.ATTEMPTS)).contains("4");
        assertThat(ChainHeaders.attempts(headers)).hasValue(4);
        assertThat(ChainHeaders.errorType(headers)).contains(ErrorType.RATE_LIMITED);

        Headers garbage = new RecordHeaders();
        garbage.add(ChainHeaders.ATTEMPTS, "zero".getBytes(StandardCharsets.UTF_8));
        garbage.add(ChainHeaders.ERROR_TYPE, "meltdown".getBytes(StandardCharsets.UTF_8));
        garbage.add(ChainHeaders.DUE_AT, new byte[17]);
        assertThat(ChainHeaders.attempts(garbage)).isEmpty();
        assertThat(ChainHeaders.errorType(garbage)).isEmpty();
        assertThat(ChainHeaders.dueAt(garbage)).isEmpty();
    }

    @Test
    void aLongMessageIsCutOnACharacterBoundarySoTheRecordStaysSmall() {
        Headers headers = new RecordHeaders();
        ChainHeaders.setFailure(headers, new IllegalStateException("é".repeat(100_000)));
        byte[] message = headers.lastHeader(ChainHeaders.EXCEPTION_MESSAGE).value();
        assertThat(message.length).isLessThanOrEqualTo(ChainHeaders.MAX_MESSAGE_BYTES);
        assertThat(new String(message, StandardCharsets.UTF_8)).doesNotContain("\uFFFD").endsWith("…");
    }

    @Test
    void staleChainHeadersOfAReplayedRequestAreDropped() {
        Headers replayed = new RecordHeaders();
        replayed.add(ChainHeaders.RETRY_ATTEMPTS, new byte[] {0, 0, 0, 4});
        replayed.add(ChainHeaders.ORIGINAL_TOPIC, "genfleet.image.requests".getBytes(StandardCharsets.UTF_8));
        replayed.add(ChainHeaders.ATTEMPTS, "4".getBytes(StandardCharsets.UTF_8));
        replayed.add("traceparent", "00-abc".getBytes(StandardCharsets.UTF_8));
        ChainHeaders.stripChain(replayed);
        assertThat(replayed.toArray()).extracting(Header::key).containsExactly("traceparent");
    }
}
