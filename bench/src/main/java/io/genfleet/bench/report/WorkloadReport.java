package io.genfleet.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A workload's runs, summarized per metric as median with min/max, and judged against its targets.
 *
 * @param workload    {@code W1}..{@code W4} or {@code baseline}
 * @param title       a few words
 * @param parameters  what was run (items, latency, in-flight limit...)
 * @param runs        one measurement per run
 * @param targets     the targets for this workload
 * @param notes       how to read the figures
 */
public record WorkloadReport(String workload, String title, Map<String, Object> parameters, List<Measurement> runs,
                             List<Target> targets, List<String> notes) {

    public WorkloadReport {
        parameters = new LinkedHashMap<>(parameters);
        runs = List.copyOf(runs);
        targets = List.copyOf(targets);
        notes = List.copyOf(notes);
    }

    /** Every metric some run reported, in the order the first run reported them. */
    public List<String> metrics() {
        Set<String> names = new LinkedHashSet<>();
        runs.forEach(run -> names.addAll(run.values().keySet()));
        return new ArrayList<>(names);
    }

    public Stats.Summary summary(String metric) {
        return Stats.summarize(runs.stream().mapToDouble(run -> run.get(metric)).toArray());
    }

    /** The JSON line of this workload. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("workload", workload);
        json.put("title", title);
        json.put("parameters", parameters);
        json.put("runs", runs.size());
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (String metric : metrics()) {
            Stats.Summary summary = summary(metric);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("median", round(summary.median()));
            figures.put("min", round(summary.min()));
            figures.put("max", round(summary.max()));
            metrics.put(metric, figures);
        }
        json.put("metrics", metrics);
        List<Map<String, Object>> judged = new ArrayList<>();
        for (Target target : targets) {
            double median = summary(target.metric()).median();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("metric", target.metric());
            entry.put("target", target.describe());
            entry.put("median", round(median));
            entry.put("met", target.met(median));
            judged.add(entry);
        }
        json.put("targets", judged);
        json.put("notes", notes);
        return json;
    }

    /** JSON has no NaN: a metric no run could measure is null. */
    private static Object round(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return null;
        }
        return Math.abs(value) >= 100 ? (Object) Math.round(value) : (Object) (Math.round(value * 10_000) / 10_000.0);
    }
}
