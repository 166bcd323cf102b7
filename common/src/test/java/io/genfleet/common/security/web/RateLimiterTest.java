package io.genfleet.common.security.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.security.MutableClock;
import io.genfleet.common.security.Scope;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final MutableClock clock = new MutableClock();
    private final RateLimiter limiter = new RateLimiter(3, 0, clock);

    @Test
    void aMinutesWorthAtOnceThenOneEveryIntervalPerKey() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.take("key-a", Scope.SUBMIT).allowed()).isTrue();
        }
        RateLimiter.Verdict refused = limiter.take("key-a", Scope.SUBMIT);

        assertThat(refused.allowed()).isFalse();
        // 3 per minute: a token every 20 s, and none has grown yet.
        assertThat(refused.retryAfter()).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(20));
        assertThat(limiter.take("key-b", Scope.SUBMIT).allowed()).as("another key").isTrue();
        clock.advance(Duration.ofSeconds(20));
        assertThat(limiter.take("key-a", Scope.SUBMIT).allowed()).isTrue();
        assertThat(limiter.take("key-a", Scope.SUBMIT).allowed()).isFalse();
    }

    @Test
    void zeroMeansNoLimit() {
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.take("key-a", Scope.OPERATE).allowed()).isTrue();
        }
    }
}
