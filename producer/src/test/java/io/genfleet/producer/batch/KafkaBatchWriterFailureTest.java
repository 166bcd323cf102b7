package io.genfleet.producer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionAbortableException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.NoProducerAvailableException;

/** Which failures answer 503 (try again) and which 500 (the same request would fail again). */
class KafkaBatchWriterFailureTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new KafkaException("initTransactions() failed", new TimeoutException("60000 ms")), true),
                Arguments.of(new KafkaException("Send failed", new NotEnoughReplicasException("isr")), true),
                Arguments.of(new RuntimeException(new ExecutionException(new TransactionAbortableException("x"))), true),
                Arguments.of(new RuntimeException(new java.util.concurrent.TimeoutException()), true),
                Arguments.of(new NoProducerAvailableException("busy", "prefix-"), true),
                Arguments.of(new RuntimeException(new RecordTooLargeException("too big")), false),
                Arguments.of(new KafkaException("Send failed", new TopicAuthorizationException("denied")), false),
                Arguments.of(new IllegalStateException("a bug"), false));
    }

    @ParameterizedTest(name = "{0} -> retryable {1}")
    @MethodSource("failures")
    void classifiesFailures(Throwable failure, boolean retryable) {
        assertThat(KafkaBatchWriter.isRetryable(failure)).isEqualTo(retryable);
    }
}
