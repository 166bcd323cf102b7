package io.genfleet.common.status;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * The status of an item, spelled exactly as in the contract.
 *
 * <p>The {@linkplain #phase() phase} orders statuses within one (epoch, attempt): an attempt is
 * {@code pending} (only attempt 1 of an epoch), then {@code generating}, then ends {@code failed}
 * (a retry is scheduled), {@code failed_permanent} or {@code complete}. {@code complete} ranks
 * highest so that if an attempt is ever reported both ways (at-least-once delivery), the result
 * the user already has wins.
 */
public enum ItemStatus {
    PENDING(0),
    GENERATING(1),
    FAILED(2),
    FAILED_PERMANENT(3),
    COMPLETE(4);

    private final int phase;

    ItemStatus(int phase) {
        this.phase = phase;
    }

    public int phase() {
        return phase;
    }

    /** {@code complete} and {@code failed_permanent}: nothing more happens without a manual retry. */
    public boolean isTerminal() {
        return this == COMPLETE || this == FAILED_PERMANENT;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status of a {@linkplain #phase() phase}. */
    public static ItemStatus ofPhase(int phase) {
        for (ItemStatus status : values()) {
            if (status.phase == phase) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown status phase " + phase);
    }

    @JsonCreator
    public static ItemStatus fromWireName(String value) {
        for (ItemStatus status : values()) {
            if (status.wireName().equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown status '" + value + "', expected one of "
                + Arrays.stream(values()).map(ItemStatus::wireName).toList());
    }

    @Override
    public String toString() {
        return wireName();
    }
}
