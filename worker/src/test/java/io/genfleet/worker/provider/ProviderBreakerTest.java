package io.genfleet.worker.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.ErrorType;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProviderBreakerTest {

    private static final GenerationRequest REQUEST = GenerationRequest.first(ItemId.of("b", "scene_0"), "p", null,
            Instant.now());

    /** Fails with {@code failure} while it is set, else succeeds; counts its calls. */
    private static final class Endpoint implements AsyncGenerationProvider {
        final AtomicInteger calls = new AtomicInteger();
        volatile GenerationException failure;

        @Override
        public GenerationResult generate(GenerationRequest request, int attempt, String idempotencyKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<GenerationResult> generateAsync(GenerationRequest request, int attempt, String key) {
            calls.incrementAndGet();
            return failure == null ? CompletableFuture.completedFuture(new GenerationResult("file:///x.png"))
                    : CompletableFuture.failedFuture(failure);
        }
    }

    private final ProviderBreaker breaker = new ProviderBreaker("image",
            new BreakerSettings(true, 50, 20, Duration.ofMillis(500), 2));
    private final Endpoint endpoint = new Endpoint();
    private final AsyncGenerationProvider guarded = breaker.guard(endpoint);

    /** What a topic loop does per record: ask the gate, then call. */
    private boolean startOne() {
        if (!breaker.tryStart()) {
            return false;
        }
        guarded.generateAsync(REQUEST, 1, "b/scene_0/0").exceptionally(e -> null).join();
        return true;
    }

    @Test
    void twentyFailuresOpenItNothingStartsWhileOpenAndItClosesAfterTheProviderRecovers() {
        endpoint.failure = new RetryableGenerationException(ErrorType.TRANSIENT, "HTTP 503");
        for (int i = 0; i < 20; i++) {
            assertThat(startOne()).as("call %d before the window is full", i + 1).isTrue();
        }
        assertThat(breaker.stateCode()).as("open").isEqualTo(2);

        // Expected: while open, the gate refuses every record and the endpoint sees no call.
        int callsWhenOpened = endpoint.calls.get();
        for (int i = 0; i < 50; i++) {
            assertThat(startOne()).isFalse();
        }
        assertThat(endpoint.calls.get()).isEqualTo(callsWhenOpened);

        endpoint.failure = null;
        await().alias("half-open after open-for, probes let through").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50)).until(this::startOne);
        await().alias("closed after the probes succeed").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50)).until(() -> startOne() && breaker.stateCode() == 0);
    }

    @Test
    void permanentFailuresSayNothingAboutTheProvidersHealth() {
        endpoint.failure = new PermanentGenerationException(ErrorType.PERMANENT, "HTTP 400");
        for (int i = 0; i < 40; i++) {
            assertThat(startOne()).isTrue();
        }
        assertThat(breaker.stateCode()).isZero();
    }

    @Test
    void aCutFromOutsideReachesTheProviderAndCountsAsATimeout() {
        CompletableFuture<GenerationResult> hung = new CompletableFuture<>();
        AsyncGenerationProvider never = new AsyncGenerationProvider() {
            @Override
            public GenerationResult generate(GenerationRequest request, int attempt, String key) {
                throw new UnsupportedOperationException();
            }

            @Override
            public CompletableFuture<GenerationResult> generateAsync(GenerationRequest request, int attempt, String key) {
                return hung;
            }
        };
        breaker.guard(never).generateAsync(REQUEST, 1, "k").orTimeout(50, TimeUnit.MILLISECONDS);

        await().alias("the provider's own future is cut too").atMost(Duration.ofSeconds(2)).until(hung::isDone);
        assertThat(hung).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(TimeoutException.class);
    }
}
