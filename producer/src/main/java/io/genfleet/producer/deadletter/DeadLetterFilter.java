package io.genfleet.producer.deadletter;

import io.genfleet.common.item.Lane;
import io.genfleet.common.status.ErrorType;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which dead letters an operator means. Every criterion is optional (null or empty means "any").
 *
 * @param lanes     the lanes whose dead-letter topics are read (empty: all)
 * @param batchId   only this batch
 * @param errorType only this last error type
 * @param since     dead-lettered at or after this time
 * @param until     dead-lettered before this time
 */
public record DeadLetterFilter(Set<Lane> lanes, String batchId, ErrorType errorType, Instant since, Instant until) {

    public DeadLetterFilter {
        lanes = lanes == null || lanes.isEmpty() ? EnumSet.allOf(Lane.class) : EnumSet.copyOf(lanes);
        if (since != null && until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("--since must be before --until");
        }
    }

    public static DeadLetterFilter any() {
        return new DeadLetterFilter(Set.of(), null, null, null, null);
    }

    public boolean matches(DeadLetter letter) {
        return lanes.contains(letter.lane())
                && (batchId == null || batchId.equals(letter.batchId()))
                && (errorType == null || errorType == letter.errorType())
                && (since == null || !letter.at().isBefore(since))
                && (until == null || letter.at().isBefore(until));
    }
}
