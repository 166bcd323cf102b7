package io.genfleet.common.item;

import java.util.Arrays;
import java.util.Locale;

/**
 * A generation lane. Each lane has its own request topic, delay topics, dead-letter topic and
 * worker deployment, so slow video generations never queue behind images (or the other way round).
 */
public enum Lane {
    IMAGE, VIDEO;

    /** The wire name used in topic names, JSON and configuration: {@code image} or {@code video}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; rejects anything else with a message listing the accepted values. */
    public static Lane fromWireName(String value) {
        for (Lane lane : values()) {
            if (lane.wireName().equals(value)) {
                return lane;
            }
        }
        throw new IllegalArgumentException("unknown lane '" + value + "', expected one of "
                + Arrays.stream(values()).map(Lane::wireName).toList());
    }

    @Override
    public String toString() {
        return wireName();
    }
}
