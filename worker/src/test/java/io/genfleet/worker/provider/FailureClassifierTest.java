package io.genfleet.worker.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genfleet.common.json.InvalidMessageException;
import io.genfleet.common.status.ErrorType;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.TimestampedException;

class FailureClassifierTest {

    /** What spring-kafka's error handler receives: the listener's exception inside its wrappers. */
    private static Exception wrapped(Exception listenerException) {
        return new TimestampedException(new ListenerExecutionFailedException("Listener failed", listenerException));
    }

    @ParameterizedTest
    @EnumSource(ErrorType.class)
    void theErrorTypeIsFoundInsideSpringKafkasWrappers(ErrorType type) {
        Exception failure = wrapped(GenerationException.of(type, "x"));
        assertThat(FailureClassifier.errorTypeOf(failure)).isEqualTo(type);
        assertThat(FailureClassifier.isRetryable(failure)).isEqualTo(type.isRetryable());
    }

    @ParameterizedTest
    @EnumSource(ErrorType.class)
    void springKafkasNotRetryableListAgreesWithTheClassification(ErrorType type) {
        GenerationException failure = GenerationException.of(type, "x");
        boolean listed = FailureClassifier.NOT_RETRYABLE.stream().anyMatch(t -> t.isInstance(failure));
        assertThat(listed).isEqualTo(!type.isRetryable());
        assertThat(failure).isInstanceOf(type.isRetryable() ? RetryableGenerationException.class
                : PermanentGenerationException.class);
    }

    @Test
    void anUnreadableRecordIsAnInvalidMessageAndNotRetryable() {
        Exception failure = wrapped(new InvalidMessageException("unknown schemaVersion 9"));
        assertThat(FailureClassifier.errorTypeOf(failure)).isEqualTo(ErrorType.INVALID_MESSAGE);
        assertThat(FailureClassifier.isRetryable(failure)).isFalse();
    }

    @Test
    void anythingElseIsTransient() {
        assertThat(FailureClassifier.errorTypeOf(wrapped(new IllegalStateException("bug")))).isEqualTo(ErrorType.TRANSIENT);
        assertThat(FailureClassifier.ofProviderFailure(new IllegalStateException("bug")).errorType())
                .isEqualTo(ErrorType.TRANSIENT);
        assertThat(FailureClassifier.ofProviderFailure(new RuntimeException(new TimeoutException("read timed out")))
                .errorType()).isEqualTo(ErrorType.TIMEOUT);
    }

    @ParameterizedTest
    @CsvSource({"408,timeout", "429,rate_limited", "400,permanent", "401,permanent", "403,permanent",
            "404,permanent", "422,permanent", "500,transient", "502,transient", "503,transient"})
    void httpStatusesAreClassifiedAsTheContractSays(int status, String type) {
        assertThat(FailureClassifier.ofHttpStatus(status).wireName()).isEqualTo(type);
    }

    @Test
    void theExceptionTypeMustMatchTheErrorType() {
        assertThatThrownBy(() -> new RetryableGenerationException(ErrorType.PERMANENT, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PermanentGenerationException(ErrorType.TIMEOUT, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
