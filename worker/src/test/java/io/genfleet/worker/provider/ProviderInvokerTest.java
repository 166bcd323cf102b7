package io.genfleet.worker.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.request.Simulation;
import io.genfleet.common.status.ErrorType;
import io.genfleet.worker.WorkerSettings;
import java.time.Duration;
import io.genfleet.worker.provider.limit.ConcurrencyGate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ProviderInvokerTest {

    private static final GenerationRequest REQUEST =
            GenerationRequest.first(ItemId.of("b", "scene_0"), "a prompt", null, Instant.now()).nextEpoch(1, Instant.now());

    @Test
    void aHungProviderCallBecomesARetryableTimeoutAndIsInterrupted() throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);
        GenerationProvider hung = (request, attempt, key) -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return new GenerationResult("sim://never");
        };
        try (ProviderInvoker invoker = new ProviderInvoker(hung, Duration.ofMillis(150))) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> invoker.generate(REQUEST, 1))
                    .isInstanceOfSatisfying(RetryableGenerationException.class,
                            e -> assertThat(e.errorType()).isEqualTo(ErrorType.TIMEOUT))
                    .hasMessageContaining("150 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the abandoned call is interrupted").isTrue();
        }
    }

    @Test
    void aCallOverTheConcurrencyCapWaitsForASlotAndItsTimeLimitStartsWithIt() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        GenerationProvider slow = (request, attempt, key) -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return new GenerationResult("sim://" + key);
        };
        ConcurrencyGate gate = new ConcurrencyGate(1, nanos -> { });
        // Three calls of 150 ms under a 250 ms limit, one at a time: the last ends about 450 ms after it was asked for.
        try (ProviderInvoker invoker = new ProviderInvoker(slow, lane -> Duration.ofMillis(250),
                lane -> Optional.of(gate))) {
            List<CompletableFuture<GenerationResult>> calls = List.of(invoker.generateAsync(REQUEST, 1),
                    invoker.generateAsync(REQUEST, 2), invoker.generateAsync(REQUEST, 3));

            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).orTimeout(5, TimeUnit.SECONDS).join();

            assertThat(calls).allSatisfy(call -> assertThat(call).isCompleted().isNotCompletedExceptionally());
            assertThat(most).as("calls at once").hasValue(1);
            assertThat(gate.running()).as("every slot given back").isZero();
        }
    }

    @Test
    void aSimulatedLatencyBeyondTheTimeLimitIsATimeout() {
        SimulatedProvider slow = new SimulatedProvider(WorkerSettings.Provider.defaults());
        GenerationRequest request = GenerationRequest.first(ItemId.of("b", "scene_1"), "p",
                new Simulation(null, null, 10_000), Instant.now());
        try (ProviderInvoker invoker = new ProviderInvoker(slow, Duration.ofMillis(100))) {
            assertThatThrownBy(() -> invoker.generate(request, 1)).isInstanceOfSatisfying(
                    RetryableGenerationException.class, e -> assertThat(e.errorType()).isEqualTo(ErrorType.TIMEOUT));
        }
    }

    @Test
    void everyCallCarriesTheEpochsIdempotencyKey() {
        AtomicReference<String> seen = new AtomicReference<>();
        GenerationProvider recording = (request, attempt, key) -> {
            seen.set(key);
            return new GenerationResult("sim://ok");
        };
        try (ProviderInvoker invoker = new ProviderInvoker(recording, Duration.ofSeconds(5))) {
            assertThat(invoker.generate(REQUEST, 3).uri()).isEqualTo("sim://ok");
        }
        assertThat(seen.get()).isEqualTo("b/scene_0/1");
    }

    @Test
    void classifiedFailuresPassThroughAndOthersBecomeTransient() {
        PermanentGenerationException refused = new PermanentGenerationException(ErrorType.CONTENT_POLICY, "refused");
        try (ProviderInvoker invoker = new ProviderInvoker((r, a, k) -> { throw refused; }, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> invoker.generate(REQUEST, 1)).isSameAs(refused);
        }
        IllegalStateException bug = new IllegalStateException("boom");
        try (ProviderInvoker invoker = new ProviderInvoker((r, a, k) -> { throw bug; }, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> invoker.generate(REQUEST, 1))
                    .isInstanceOfSatisfying(RetryableGenerationException.class,
                            e -> assertThat(e.errorType()).isEqualTo(ErrorType.TRANSIENT))
                    .hasCause(bug).hasMessageContaining("boom");
        }
        try (ProviderInvoker invoker = new ProviderInvoker((r, a, k) -> null, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> invoker.generate(REQUEST, 1)).isInstanceOf(RetryableGenerationException.class);
        }
    }
}
