package io.genfleet.worker.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.request.Simulation;
import io.genfleet.common.status.ErrorType;
import io.genfleet.worker.WorkerSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SimulatedProviderTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static SimulatedProvider provider(double failureRate, long seed, long minMs, long maxMs) {
        return new SimulatedProvider(new WorkerSettings.Provider(Duration.ofMillis(minMs), Duration.ofMillis(maxMs),
                failureRate, seed, Duration.ofSeconds(30)));
    }

    private static GenerationRequest request(String batchId, String itemKey, Simulation simulation) {
        return GenerationRequest.first(ItemId.of(batchId, itemKey), "a prompt", simulation, T);
    }

    @Test
    void theSameSeedItemEpochAndAttemptAlwaysGiveTheSameOutcome() {
        SimulatedProvider one = provider(0.5, 7, 100, 900);
        SimulatedProvider other = provider(0.5, 7, 100, 900);
        for (int scene = 0; scene < 200; scene++) {
            GenerationRequest request = request("b", "scene_" + scene, null);
            for (int attempt = 1; attempt <= 4; attempt++) {
                assertThat(other.decide(request, attempt)).isEqualTo(one.decide(request, attempt))
                        .isEqualTo(one.decide(request, attempt));
            }
        }
    }

    @Test
    void outcomesDependOnTheSeedTheAttemptAndTheEpoch() {
        GenerationRequest epoch0 = request("b", "scene_0", null);
        List<SimulatedProvider.Outcome> seed1 = outcomes(provider(0.5, 1, 0, 1000), epoch0);
        List<SimulatedProvider.Outcome> seed2 = outcomes(provider(0.5, 2, 0, 1000), epoch0);
        assertThat(seed1).isNotEqualTo(seed2);
        assertThat(seed1).as("different attempts of one item are drawn independently").doesNotHaveDuplicates();
        GenerationRequest epoch1 = epoch0.nextEpoch(4, T);
        assertThat(outcomes(provider(0.5, 1, 0, 1000), epoch1)).isNotEqualTo(seed1);
    }

    private static List<SimulatedProvider.Outcome> outcomes(SimulatedProvider provider, GenerationRequest request) {
        return IntStream.rangeClosed(1, 20).mapToObj(attempt -> provider.decide(request, attempt)).toList();
    }

    @ParameterizedTest
    @CsvSource({"0.0", "0.3", "0.5", "1.0"})
    void theFailureRateIsTheShareOfFailedAttempts(double rate) {
        SimulatedProvider provider = provider(rate, 42, 0, 0);
        long failures = IntStream.range(0, 10_000)
                .mapToObj(i -> provider.decide(request("b", "scene_" + i, null), 1))
                .filter(outcome -> outcome.error() != null)
                .peek(outcome -> assertThat(outcome.error()).isEqualTo(ErrorType.TRANSIENT))
                .count();
        assertThat(failures / 10_000.0).isCloseTo(rate, org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void failTimesCountsTheAttemptsOfAnItemAcrossEpochs() {
        SimulatedProvider provider = provider(1.0, 42, 0, 0); // the global rate must not matter
        GenerationRequest epoch0 = request("b", "scene_0", new Simulation(4, null, null));
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(provider.decide(epoch0, attempt).error()).as("attempt %d", attempt).isEqualTo(ErrorType.TRANSIENT);
        }
        GenerationRequest epoch1 = epoch0.nextEpoch(4, T);
        assertThat(provider.decide(epoch1, 1).error()).as("the 5th attempt of the item succeeds").isNull();

        GenerationRequest threeTimes = request("b", "scene_1", new Simulation(3, null, null)).nextEpoch(2, T);
        assertThat(provider.decide(threeTimes, 1).error()).as("3rd attempt overall").isNotNull();
        assertThat(provider.decide(threeTimes, 2).error()).as("4th attempt overall").isNull();
    }

    @ParameterizedTest
    @EnumSource(ErrorType.class)
    void aSimulatedErrorHasItsTypeAndTheMatchingRetryability(ErrorType type) {
        SimulatedProvider provider = provider(0.0, 42, 0, 0);
        GenerationRequest request = request("b", "scene_0", new Simulation(1, type, 0));
        assertThatThrownBy(() -> provider.generate(request, 1, request.idempotencyKey()))
                .isInstanceOf(type.isRetryable() ? RetryableGenerationException.class : PermanentGenerationException.class)
                .hasMessageStartingWith("simulated " + type.wireName() + " failure of b/scene_0")
                .satisfies(e -> assertThat(((GenerationException) e).errorType()).isEqualTo(type));
        assertThat(provider.generate(request, 2, request.idempotencyKey()).uri()).isEqualTo("sim://b/scene_0/0-2.png");
    }

    @Test
    void latencyIsDrawnFromTheConfiguredRangeOrFixedOrOverriddenPerItem() {
        SimulatedProvider ranged = provider(0.0, 42, 200, 800);
        List<Long> latencies = IntStream.range(0, 2000)
                .mapToObj(i -> ranged.decide(request("b", "scene_" + i, null), 1).latency().toMillis()).toList();
        assertThat(latencies).allSatisfy(ms -> assertThat(ms).isBetween(200L, 800L));
        assertThat(latencies.stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThan(220);
        assertThat(latencies.stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThan(780);

        assertThat(provider(0.0, 42, 300, 300).decide(request("b", "scene_0", null), 1).latency())
                .isEqualTo(Duration.ofMillis(300));
        assertThat(ranged.decide(request("b", "scene_0", new Simulation(null, null, 5)), 1).latency())
                .isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void generateTakesTheLatencyAndNamesTheResultByBatchItemEpochAndAttempt() {
        SimulatedProvider provider = provider(0.0, 42, 0, 0);
        GenerationRequest video = request("b-1", "video_scene_3", new Simulation(null, null, 60)).nextEpoch(4, T);
        long started = System.nanoTime();
        GenerationResult result = provider.generate(video, 2, video.idempotencyKey());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(60));
        assertThat(result.uri()).isEqualTo("sim://b-1/video_scene_3/1-2.mp4");
        assertThat(provider.generate(request("b-1", "scene_2_shot_1", null), 1, "b-1/scene_2_shot_1/0").uri())
                .isEqualTo("sim://b-1/scene_2_shot_1/0-1.png");
    }
}
