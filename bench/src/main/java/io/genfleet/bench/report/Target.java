package io.genfleet.bench.report;

/**
 * A target of the issue for one metric, judged on the median of the runs.
 *
 * @param metric    the metric name
 * @param atLeast   true for "at least" (throughput), false for "at most" (latency, cost)
 * @param threshold the limit
 */
public record Target(String metric, boolean atLeast, double threshold) {

    public static Target atLeast(String metric, double threshold) {
        return new Target(metric, true, threshold);
    }

    public static Target atMost(String metric, double threshold) {
        return new Target(metric, false, threshold);
    }

    public boolean met(double value) {
        return !Double.isNaN(value) && (atLeast ? value >= threshold : value <= threshold);
    }

    public String describe() {
        return (atLeast ? ">= " : "<= ") + Format.number(threshold);
    }
}
