package io.genfleet.worker.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genfleet.common.item.Lane;
import io.genfleet.common.json.InvalidMessageException;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.worker.provider.GenerationException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {

    private final TopicCatalog catalog = TopicCatalog.defaults();
    private final RetryPolicy policy = new RetryPolicy(catalog);

    @ParameterizedTest
    @CsvSource({"genfleet.image.requests,1", "genfleet.image.requests-retry-2000,2",
            "genfleet.image.requests-retry-4000,3", "genfleet.image.requests-retry-8000,4",
            "genfleet.video.requests,1", "genfleet.video.requests-retry-8000,4"})
    void theAttemptFollowsFromTheTopic(String topic, int attempt) {
        assertThat(policy.attemptOf(topic)).isEqualTo(attempt);
    }

    @Test
    void deadLetterAndStatusTopicsCarryNoAttempt() {
        assertThatThrownBy(() -> policy.attemptOf(catalog.deadLetter(Lane.IMAGE))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> policy.attemptOf(catalog.status().name())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRetryableFailureWaitsTwoFourThenEightSecondsAndTheFourthIsTheLast() {
        GenerationException transientFailure = GenerationException.of(ErrorType.TRANSIENT, "x");
        assertThat(policy.maxAttempts()).isEqualTo(4);
        assertThat(policy.retryDelay(1, transientFailure)).contains(Duration.ofSeconds(2));
        assertThat(policy.retryDelay(2, transientFailure)).contains(Duration.ofSeconds(4));
        assertThat(policy.retryDelay(3, transientFailure)).contains(Duration.ofSeconds(8));
        assertThat(policy.retryDelay(4, transientFailure)).isEmpty();
        assertThat(policy.delayBefore(1)).isEmpty();
        assertThat(policy.delayBefore(2)).contains(Duration.ofSeconds(2));
        assertThat(policy.delayBefore(4)).contains(Duration.ofSeconds(8));
    }

    @Test
    void aFailureThatCannotSucceedGetsNoRetry() {
        assertThat(policy.retryDelay(1, GenerationException.of(ErrorType.CONTENT_POLICY, "x"))).isEmpty();
        assertThat(policy.retryDelay(1, new InvalidMessageException("bad JSON"))).isEmpty();
    }

    @Test
    void otherDelaysGiveOtherTopicsAndAttempts() {
        TopicCatalog custom = new TopicCatalog("x.", List.of(Duration.ofSeconds(1), Duration.ofSeconds(30)));
        RetryPolicy customPolicy = new RetryPolicy(custom);
        assertThat(custom.chain(Lane.VIDEO)).containsExactly("x.video.requests", "x.video.requests-retry-1000",
                "x.video.requests-retry-30000", "x.video.requests-dlt");
        assertThat(customPolicy.maxAttempts()).isEqualTo(3);
        assertThat(customPolicy.attemptOf("x.video.requests-retry-30000")).isEqualTo(3);
        assertThat(customPolicy.retryDelay(3, GenerationException.of(ErrorType.TIMEOUT, "x"))).isEmpty();
    }

    @ParameterizedTest(name = "tier {0} s, Retry-After {1} s: wait {2} s")
    @CsvSource({"2,3,3", "2,1,2", "4,-1,4", "8,60,60"})
    void aProvidersRetryAfterIsHonouredButNeverShortensTheBackoff(long tier, long retryAfter, long expected) {
        GenerationException failure = new io.genfleet.worker.provider.RetryableGenerationException(
                ErrorType.RATE_LIMITED, "HTTP 429", null, retryAfter < 0 ? null : Duration.ofSeconds(retryAfter));

        assertThat(policy.waitBeforeRetry(Duration.ofSeconds(tier), failure)).isEqualTo(Duration.ofSeconds(expected));
    }
}
