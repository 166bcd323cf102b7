package io.genfleet.e2e.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallLogTest {

    private static String line(String key, int attempt) {
        return "{\"idempotencyKey\":\"" + key + "\",\"attempt\":" + attempt + ",\"at\":\"2026-01-01T00:00:00.000Z\"}";
    }

    @Test
    void aRepeatedKeyAndAttemptIsADuplicateButARetryIsNot(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("worker-1-0.jsonl"), List.of(line("b-1/scene_0/0", 1), line("b-1/scene_0/0", 2),
                line("b-1/scene_1/0", 1)));
        // worker-1 killed, its records delivered again: scene_1 attempt 1 repeated, twice over two incarnations.
        Files.write(dir.resolve("worker-1-1.jsonl"), List.of(line("b-1/scene_1/0", 1)));
        Files.write(dir.resolve("worker-2-0.jsonl"), List.of(line("b-1/scene_1/0", 1), line("b-2/scene_0/0", 1)));

        List<CallLog.Call> calls = new CallLog(dir).calls(Set.of("b-1"));

        assertThat(calls).hasSize(5).extracting(CallLog.Call::source).contains("worker-1-0", "worker-1-1", "worker-2-0");
        assertThat(CallLog.duplicates(calls)).isEqualTo(Map.of(new CallLog.CallKey("b-1/scene_1/0", 1), 2));
        assertThat(CallLog.duplicateCount(calls)).isEqualTo(2);
    }

    @Test
    void aBrokenLineDoesNotHideTheOthers(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("worker-1-0.jsonl"), line("b-1/scene_0/0", 1) + "\n{\"idempotencyKey\":\"b-1/sc");

        assertThat(new CallLog(dir).calls(Set.of("b-1"))).hasSize(1);
    }

    @Test
    void noLogDirectoryMeansNoCalls(@TempDir Path dir) {
        assertThat(new CallLog(dir.resolve("missing")).calls(Set.of("b-1"))).isEmpty();
    }
}
