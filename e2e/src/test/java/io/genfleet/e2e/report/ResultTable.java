package io.genfleet.e2e.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The battery's results, printed as a Markdown table at the end (and kept in {@code target/e2e/results.md}). */
public final class ResultTable {

    private final List<ResultRow> rows = new ArrayList<>();

    public synchronized void add(ResultRow row) {
        rows.add(row);
        System.out.println("E2E RESULT " + line(row));
    }

    public synchronized String render(String title) {
        StringBuilder table = new StringBuilder();
        table.append(title).append("\n\n");
        table.append("| case | injected | accepted | items lost | double counts | duplicate provider calls | recovery "
                + "| drain after fault | notes |\n");
        table.append("|---|---|---:|---:|---:|---|---|---:|---|\n");
        rows.forEach(row -> table.append(line(row)).append('\n'));
        return table.toString();
    }

    private static String line(ResultRow row) {
        return "| " + String.join(" | ", row.caseId(), row.injected(), Integer.toString(row.accepted()),
                Integer.toString(row.lost()), Integer.toString(row.doubles()), row.duplicates(), row.recovery(),
                row.drain(), row.notes()) + " |";
    }

    public synchronized void write(Path file, String title) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, render(title));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
