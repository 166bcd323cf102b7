package io.genfleet.aggregator.listing;

import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ItemStatus;
import java.util.Arrays;
import java.util.Locale;

/** The state filter of the batch listing: what a user looking for "my batches that need attention" asks for. */
public enum BatchState {
    /** At least one item is not terminal yet. */
    RUNNING,
    /** Every item is terminal (with or without failures). */
    DONE,
    /** At least one item is {@code failed_permanent} now: something to retry. */
    FAILED;

    public boolean matches(BatchSummary summary) {
        return switch (this) {
            case RUNNING -> !summary.done();
            case DONE -> summary.done();
            case FAILED -> summary.count(ItemStatus.FAILED_PERMANENT) > 0;
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; the message lists the accepted values. */
    public static BatchState fromWireName(String value) {
        for (BatchState state : values()) {
            if (state.wireName().equals(value)) {
                return state;
            }
        }
        throw new IllegalArgumentException("state must be one of "
                + Arrays.stream(values()).map(BatchState::wireName).toList());
    }
}
