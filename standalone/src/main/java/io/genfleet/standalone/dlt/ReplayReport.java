package io.genfleet.standalone.dlt;

import io.genfleet.common.topic.ChainHeaders;
import io.genfleet.producer.deadletter.DeadLetter;
import java.util.List;

/**
 * What a dead-letter replay did.
 *
 * @param replayId the id carried by every replayed request ({@value ChainHeaders#REPLAY_ID})
 * @param dryRun   nothing was written; {@code replayed} lists what would have been
 * @param matching dead letters that matched the filter
 * @param replayed the dead letters replayed (or, in a dry run, that would be)
 * @param skipped  the matching dead letters not replayed, with the reason
 */
public record ReplayReport(String replayId, boolean dryRun, int matching, List<DeadLetter> replayed,
                           List<Skip> skipped) {

    public ReplayReport {
        replayed = List.copyOf(replayed);
        skipped = List.copyOf(skipped);
    }

    public record Skip(DeadLetter letter, String reason) {
    }
}
