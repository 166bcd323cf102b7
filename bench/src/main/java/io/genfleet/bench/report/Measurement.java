package io.genfleet.bench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The figures of one run of one workload, by metric name (snake_case with the unit last: {@code drain_s}). */
public final class Measurement {

    private final Map<String, Double> values = new LinkedHashMap<>();

    public Measurement put(String metric, double value) {
        if (!metric.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("metric names are snake_case: " + metric);
        }
        values.put(metric, value);
        return this;
    }

    /** {@code cpu_ms_per_item_<part>} for each part's CPU nanoseconds, per item. */
    public Measurement putCpuPerItem(Map<String, Long> nanosByPart, double items) {
        nanosByPart.forEach((part, nanos) -> put("cpu_ms_per_item_" + part, nanos / 1e6 / items));
        return this;
    }

    public double get(String metric) {
        return values.getOrDefault(metric, Double.NaN);
    }

    public Map<String, Double> values() {
        return Collections.unmodifiableMap(values);
    }
}
