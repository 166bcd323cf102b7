package io.genfleet.e2e.verify;

import io.genfleet.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * The provider calls the workers logged ({@code genfleet.worker.provider.call-log}), one file per worker
 * incarnation. A duplicate is a second call with the same idempotency key AND attempt: at-least-once delivery
 * repeating work; a retry is a call with a higher attempt and is not a duplicate.
 */
public final class CallLog {

    /** One call: which item epoch, which attempt, when, and from which worker incarnation (the file name). */
    public record Call(String idempotencyKey, int attempt, Instant at, String source) {

        public CallKey key() {
            return new CallKey(idempotencyKey, attempt);
        }

        public String batchId() {
            return idempotencyKey.substring(0, idempotencyKey.indexOf('/'));
        }
    }

    /** What a duplicate repeats. */
    public record CallKey(String idempotencyKey, int attempt) {
    }

    private final Path dir;

    public CallLog(Path dir) {
        this.dir = dir;
    }

    /** Every call logged so far by the workers, for the given batches. */
    public List<Call> calls(Collection<String> batchIds) {
        Set<String> batches = new HashSet<>(batchIds);
        List<Call> calls = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return calls;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                String source = file.getFileName().toString().replace(".jsonl", "");
                for (String line : Files.readAllLines(file)) {
                    Call call = parse(line, source);
                    if (call != null && batches.contains(call.batchId())) {
                        calls.add(call);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return calls;
    }

    private static Call parse(String line, String source) {
        if (line.isBlank()) {
            return null;
        }
        try {
            JsonNode json = Json.mapper().readTree(line);
            return new Call(json.path("idempotencyKey").asString(), json.path("attempt").asInt(),
                    Instant.parse(json.path("at").asString()), source);
        } catch (RuntimeException e) {
            // A line cut by kill -9 cannot happen (one write per line), but must not hide the others if it did.
            return null;
        }
    }

    /** Per repeated (key, attempt): how many calls beyond the first. */
    public static Map<CallKey, Integer> duplicates(List<Call> calls) {
        Map<CallKey, Integer> counts = new HashMap<>();
        calls.forEach(call -> counts.merge(call.key(), 1, Integer::sum));
        Map<CallKey, Integer> duplicates = new HashMap<>();
        counts.forEach((key, count) -> {
            if (count > 1) {
                duplicates.put(key, count - 1);
            }
        });
        return duplicates;
    }

    public static int duplicateCount(List<Call> calls) {
        return duplicates(calls).values().stream().mapToInt(Integer::intValue).sum();
    }
}
