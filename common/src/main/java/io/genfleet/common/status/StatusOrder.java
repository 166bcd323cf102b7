package io.genfleet.common.status;

import java.util.Comparator;

/**
 * The position of a status event in an item's life: (epoch, attempt, phase). The aggregate only
 * ever moves forward in this order, which is what makes duplicates and late events harmless.
 */
public record StatusOrder(int epoch, int attempt, int phase) implements Comparable<StatusOrder> {

    private static final Comparator<StatusOrder> ORDER = Comparator.comparingInt(StatusOrder::epoch)
            .thenComparingInt(StatusOrder::attempt)
            .thenComparingInt(StatusOrder::phase);

    public static StatusOrder of(StatusEvent event) {
        return new StatusOrder(event.epoch(), event.attempt(), event.status().phase());
    }

    public boolean isAfter(StatusOrder other) {
        return other == null || compareTo(other) > 0;
    }

    @Override
    public int compareTo(StatusOrder other) {
        return ORDER.compare(this, other);
    }
}
