package io.genfleet.standalone.cli;

import io.genfleet.common.json.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code dlt list}'s output: one row per dead letter, then the count per error type. The NOW column is the item's
 * current status (from the status topic, or the API's item reads): {@code requeued -> complete (epoch 1)} marks a dead letter whose item was
 * retried since (retry-failed or replay), so it needs nothing more.
 */
final class DeadLetterTable {

    static final String[] HEADER = {"BATCH", "ITEM", "EPOCH", "ATTEMPTS", "ERROR", "TIME", "WHERE", "NOW", "MESSAGE"};
    private static final int MESSAGE_WIDTH = 80;

    private DeadLetterTable() {
    }

    static void print(List<DeadLetterRow> letters, PrintWriter out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (DeadLetterRow letter : letters) {
            rows.add(new String[] {
                    orDash(letter.batchId()), orDash(letter.itemKey()),
                    letter.epoch() == null ? "-" : letter.epoch().toString(),
                    letter.attempts() == null ? "-" : letter.attempts().toString(),
                    errorType(letter), Json.INSTANT_FORMAT.format(letter.at()), letter.where(),
                    letter.now(), message(letter)});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
        Map<String, Long> byType = letters.stream()
                .collect(Collectors.groupingBy(DeadLetterTable::errorType, TreeMap::new, Collectors.counting()));
        String counts = byType.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining(", "));
        long requeued = letters.stream().filter(DeadLetterRow::requeued).count();
        out.printf("%d dead letter%s%s%s%n", letters.size(), letters.size() == 1 ? "" : "s",
                counts.isEmpty() ? "" : ": " + counts, requeued == 0 ? "" : "; " + requeued + " requeued since");
    }

    private static String errorType(DeadLetterRow letter) {
        return letter.errorType() == null ? "unknown" : letter.errorType();
    }

    private static String message(DeadLetterRow letter) {
        String message = letter.message() == null ? "" : letter.message().replaceAll("\\s+", " ");
        return message.length() <= MESSAGE_WIDTH ? message : message.substring(0, MESSAGE_WIDTH - 1) + "…";
    }

    private static String orDash(String text) {
        return text == null ? "-" : text;
    }
}
