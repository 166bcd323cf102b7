package io.genfleet.worker.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.json.Json;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.request.Simulation;
import io.genfleet.common.status.ErrorType;
import io.genfleet.worker.WorkerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderCallLogTest {

    private final SimulatedProvider simulated = new SimulatedProvider(
            new WorkerSettings.Provider(Duration.ZERO, Duration.ZERO, 0.0, 42, Duration.ofSeconds(5)));

    private static GenerationRequest request(String itemKey, Simulation simulation) {
        return GenerationRequest.first(ItemId.of("b-1", itemKey), "a prompt", simulation, Instant.now());
    }

    private static List<ProviderCallLog.Call> calls(Path file) throws Exception {
        return Files.readAllLines(file).stream()
                .map(line -> Json.mapper().readValue(line, ProviderCallLog.Call.class))
                .toList();
    }

    @Test
    void everyCallIsLoggedBeforeItIsMadeFailedOnesIncluded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("calls/worker-1.jsonl");
        try (ProviderCallLog log = ProviderCallLog.wrap(simulated, file)) {
            log.generate(request("scene_0", null), 1, "b-1/scene_0/0");
            GenerationRequest failing = request("scene_1", new Simulation(1, ErrorType.TRANSIENT, null));
            assertThatThrownBy(() -> log.generate(failing, 1, "b-1/scene_1/0"))
                    .isInstanceOf(RetryableGenerationException.class);
            log.generate(failing, 2, "b-1/scene_1/0");
        }
        assertThat(calls(file)).extracting(ProviderCallLog.Call::idempotencyKey, ProviderCallLog.Call::attempt)
                .containsExactly(
                        tuple("b-1/scene_0/0", 1),
                        tuple("b-1/scene_1/0", 1),
                        tuple("b-1/scene_1/0", 2));
    }

    @Test
    void aReopenedLogAppendsSoARestartedWorkerKeepsTheCount(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("worker-1.jsonl");
        for (int run = 0; run < 2; run++) {
            try (ProviderCallLog log = ProviderCallLog.wrap(simulated, file)) {
                log.generate(request("scene_0", null), 1, "b-1/scene_0/0");
            }
        }
        assertThat(calls(file)).hasSize(2).allSatisfy(call -> {
            assertThat(call.attempt()).isEqualTo(1);
            assertThat(call.at()).isNotNull();
        });
    }

    @Test
    void theLogOfAnAsyncProviderStaysAsyncAndLogsAsyncCalls(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("worker-async.jsonl");
        try (ProviderCallLog log = ProviderCallLog.wrap(simulated, file)) {
            // Expected: the worker still sees a provider that holds no thread while it waits.
            assertThat(log).isInstanceOf(AsyncGenerationProvider.class);
            GenerationResult result = ((AsyncGenerationProvider) log)
                    .generateAsync(request("scene_0", null), 1, "b-1/scene_0/0").get(5, TimeUnit.SECONDS);
            assertThat(result).isNotNull();
        }
        assertThat(calls(file)).extracting(ProviderCallLog.Call::idempotencyKey, ProviderCallLog.Call::attempt)
                .containsExactly(tuple("b-1/scene_0/0", 1));
    }

    @Test
    void theLogOfABlockingProviderStaysBlocking(@TempDir Path dir) throws Exception {
        GenerationProvider blocking = (request, attempt, key) -> simulated.generate(request, attempt, key);
        try (ProviderCallLog log = ProviderCallLog.wrap(blocking, dir.resolve("worker-blocking.jsonl"))) {
            // Expected: a blocking provider is not disguised as an async one (it would hold the caller's thread).
            assertThat(log).isNotInstanceOf(AsyncGenerationProvider.class);
        }
    }
}
