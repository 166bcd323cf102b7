package io.genfleet.bench.report;

import io.genfleet.common.json.Json;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Prints one JSON line per workload, then a table of every metric with its target. */
public final class ReportPrinter {

    private static final String[] HEADER = {"workload", "metric", "median", "min", "max", "target", "met"};

    private ReportPrinter() {
    }

    public static String jsonLine(WorkloadReport report) {
        return Json.writeString(report.toJson());
    }

    public static void print(List<WorkloadReport> reports, PrintStream out) {
        reports.forEach(report -> out.println(jsonLine(report)));
        out.println();
        out.print(table(reports));
    }

    public static String table(List<WorkloadReport> reports) {
        List<String[]> rows = new ArrayList<>();
        for (WorkloadReport report : reports) {
            boolean first = true;
            for (String metric : report.metrics()) {
                Stats.Summary summary = report.summary(metric);
                Optional<Target> target = report.targets().stream().filter(t -> t.metric().equals(metric)).findFirst();
                rows.add(new String[] {
                        first ? report.workload() + " " + report.title() : "",
                        metric,
                        Format.number(summary.median()),
                        Format.number(summary.min()),
                        Format.number(summary.max()),
                        target.map(Target::describe).orElse(""),
                        target.map(t -> t.met(summary.median()) ? "yes" : "NO").orElse("")});
                first = false;
            }
        }
        int[] widths = new int[HEADER.length];
        for (int i = 0; i < HEADER.length; i++) {
            widths[i] = HEADER[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder table = new StringBuilder();
        appendRow(table, HEADER, widths);
        String[] rule = new String[HEADER.length];
        for (int i = 0; i < rule.length; i++) {
            rule[i] = "-".repeat(widths[i]);
        }
        appendRow(table, rule, widths);
        rows.forEach(row -> appendRow(table, row, widths));
        return table.toString();
    }

    private static void appendRow(StringBuilder table, String[] cells, int[] widths) {
        for (int i = 0; i < cells.length; i++) {
            boolean numeric = i >= 2 && i <= 4;
            String cell = numeric ? " ".repeat(widths[i] - cells[i].length()) + cells[i]
                    : cells[i] + " ".repeat(widths[i] - cells[i].length());
            table.append(i == 0 ? "" : "  ").append(cell);
        }
        table.append(System.lineSeparator());
    }
}
