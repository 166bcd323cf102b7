package io.genfleet.worker.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.json.InvalidMessageException;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.worker.provider.GenerationException;
import io.genfleet.worker.provider.PermanentGenerationException;
import io.genfleet.worker.provider.RetryableGenerationException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.SingleRecordHeader;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.TimestampedException;
import org.springframework.kafka.support.KafkaHeaders;

class DeadLetterHeadersTest {

    private final DeadLetterHeaders headers = new DeadLetterHeaders(TopicCatalog.defaults());

    private static Exception wrapped(Exception listenerException) {
        return new TimestampedException(new ListenerExecutionFailedException("Listener failed", listenerException));
    }

    @Test
    void attemptsAndErrorTypeComeFromTheTopicAndTheRealFailure() {
        ConsumerRecord<byte[], byte[]> failed = new ConsumerRecord<>("genfleet.image.requests-retry-8000", 3, 17L,
                new byte[0], new byte[0]);
        Headers added = headers.forFailure(failed, wrapped(GenerationException.of(ErrorType.TRANSIENT, "x")));
        assertThat(text(added, DeadLetterHeaders.ATTEMPTS)).isEqualTo("4");
        assertThat(text(added, DeadLetterHeaders.ERROR_TYPE)).isEqualTo("transient");
        assertThat(added.toArray()).as("single-valued: a later hop replaces them")
                .allSatisfy(header -> assertThat(header).isInstanceOf(SingleRecordHeader.class));
        assertThat(DeadLetterHeaders.attempts(added)).hasValue(4);
        assertThat(DeadLetterHeaders.errorType(added)).contains(ErrorType.TRANSIENT);

        ConsumerRecord<byte[], byte[]> poison = new ConsumerRecord<>("genfleet.video.requests", 0, 0L, null, null);
        Headers poisonHeaders = headers.forFailure(poison, wrapped(new InvalidMessageException("bad JSON")));
        assertThat(text(poisonHeaders, DeadLetterHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(text(poisonHeaders, DeadLetterHeaders.ERROR_TYPE)).isEqualTo("invalid_message");
    }

    @Test
    void unreadableHeaderValuesAreIgnored() {
        Headers garbage = new RecordHeaders();
        garbage.add(DeadLetterHeaders.ATTEMPTS, "zero".getBytes(StandardCharsets.UTF_8));
        garbage.add(DeadLetterHeaders.ERROR_TYPE, "meltdown".getBytes(StandardCharsets.UTF_8));
        assertThat(DeadLetterHeaders.attempts(garbage)).isEmpty();
        assertThat(DeadLetterHeaders.errorType(garbage)).isEmpty();
    }

    @Test
    void theExceptionHeadersNameTheListenersExceptionNotSpringKafkasWrappers() {
        Headers record = new RecordHeaders();
        // What an earlier hop left: replaced, not appended.
        record.add(KafkaHeaders.DLT_EXCEPTION_FQCN, "old".getBytes(StandardCharsets.UTF_8));
        record.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, "old".getBytes(StandardCharsets.UTF_8));
        record.add(KafkaHeaders.DLT_EXCEPTION_STACKTRACE, "old".getBytes(StandardCharsets.UTF_8));
        IllegalStateException cause = new IllegalStateException("socket closed");
        Exception failure = wrapped(new RetryableGenerationException(ErrorType.TRANSIENT, "provider failed", cause));

        new RealCauseExceptionHeaders().create(record, failure, false, DeadLetterHeaders.springHeaderNames());

        assertThat(text(record, KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(RetryableGenerationException.class.getName());
        assertThat(text(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isEqualTo("provider failed");
        assertThat(text(record, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN)).isEqualTo(IllegalStateException.class.getName());
        assertThat(record.lastHeader(KafkaHeaders.DLT_EXCEPTION_STACKTRACE)).isNull();
        assertThat(record.headers(KafkaHeaders.DLT_EXCEPTION_FQCN)).hasSize(1);
        assertThat(record.headers(KafkaHeaders.DLT_EXCEPTION_MESSAGE)).hasSize(1);
    }

    @Test
    void aLongMessageIsCutSoTheRecordStaysSmall() {
        Headers record = new RecordHeaders();
        String longMessage = "x".repeat(100_000);
        new RealCauseExceptionHeaders().create(record,
                wrapped(new PermanentGenerationException(ErrorType.INVALID_REQUEST, longMessage)), false,
                DeadLetterHeaders.springHeaderNames());
        assertThat(record.lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE).value().length)
                .isLessThanOrEqualTo(RealCauseExceptionHeaders.MAX_MESSAGE_BYTES);
        assertThat(record.lastHeader(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN)).isNull();
    }

    @Test
    void staleChainHeadersOfAReplayedRequestAreDropped() {
        Headers replayed = new RecordHeaders();
        replayed.add("retry_topic-attempts", new byte[] {0, 0, 0, 4});
        replayed.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, "genfleet.image.requests".getBytes(StandardCharsets.UTF_8));
        replayed.add(DeadLetterHeaders.ATTEMPTS, "4".getBytes(StandardCharsets.UTF_8));
        replayed.add("traceparent", "00-abc".getBytes(StandardCharsets.UTF_8));
        RetryHeaders.stripChainHeaders(replayed);
        assertThat(replayed.toArray()).extracting(Header::key).containsExactly("traceparent");
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
