package io.genfleet.bench.report;

import java.util.Arrays;
import java.util.Collection;

/** Percentiles and run summaries. */
public final class Stats {

    private Stats() {
    }

    /**
     * The nearest-rank percentile: the smallest value with at least {@code percentile}% of the values at or
     * below it (p100 is the maximum). NaN for no values.
     */
    public static double percentile(Collection<? extends Number> values, double percentile) {
        if (percentile <= 0 || percentile > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + percentile);
        }
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** Median (mean of the middle two for an even count), minimum and maximum of the runs' values. */
    public static Summary summarize(double... values) {
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (present.length == 0) {
            return new Summary(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        int n = present.length;
        double median = n % 2 == 1 ? present[n / 2] : (present[n / 2 - 1] + present[n / 2]) / 2;
        return new Summary(median, present[0], present[n - 1], n);
    }

    /**
     * @param runs the runs that had a value
     */
    public record Summary(double median, double min, double max, int runs) {
    }
}
