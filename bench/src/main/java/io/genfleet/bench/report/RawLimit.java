package io.genfleet.bench.report;

import java.util.List;
import java.util.Optional;

/**
 * Puts throughput next to the raw broker limit of the same run: each run's {@code items_per_s} as a fraction
 * of the baseline's median {@code producer_records_per_s} (one item is several records: a request, three status
 * events and the aggregator's changelog and repartition writes, so the fleet's ceiling is a fraction of it).
 */
public final class RawLimit {

    static final String METRIC = "items_per_s_vs_producer_limit";

    private RawLimit() {
    }

    public static void annotate(List<WorkloadReport> reports) {
        Optional<Double> limit = reports.stream().filter(report -> report.workload().equals("baseline")).findFirst()
                .map(baseline -> baseline.summary("producer_records_per_s").median())
                .filter(median -> !Double.isNaN(median) && median > 0);
        if (limit.isEmpty()) {
            return;
        }
        for (WorkloadReport report : reports) {
            if (report.metrics().contains("items_per_s")) {
                report.runs().forEach(run -> run.put(METRIC, run.get("items_per_s") / limit.get()));
            }
        }
    }
}
