package io.genfleet.bench.workload;

import io.genfleet.bench.fleet.FleetApi;
import io.genfleet.bench.fleet.Pause;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Polls batch summaries through the HTTP API until each batch is done (every item terminal). */
public final class BatchWatch {

    private static final Duration POLL = Duration.ofMillis(20);

    private BatchWatch() {
    }

    /** Returns the final summaries, in the order of {@code batchIds}, as soon as the last batch is done. */
    public static List<JsonNode> awaitDone(FleetApi api, List<String> batchIds, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonNode> done = new ArrayList<>();
        for (String batchId : batchIds) {
            while (true) {
                Optional<JsonNode> summary = api.summary(batchId);
                if (summary.isPresent() && summary.get().path("done").asBoolean(false)) {
                    done.add(summary.get());
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("batch " + batchId + " not done within " + timeout + ": "
                            + summary.map(JsonNode::toString).orElse("unknown to the aggregator"));
                }
                Pause.briefly(POLL);
            }
        }
        return done;
    }

    static long count(JsonNode summary, String status) {
        return summary.path("counts").path(status).asLong();
    }
}
