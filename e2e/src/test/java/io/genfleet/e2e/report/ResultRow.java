package io.genfleet.e2e.report;

import java.time.Duration;
import java.util.Locale;

/**
 * One line of the battery's table.
 *
 * @param caseId     the case number (and sub-case letter)
 * @param injected   what was done to the fleet
 * @param accepted   items the producer accepted during the case
 * @param lost       accepted items not terminal at the end
 * @param doubles    items counted more than once
 * @param duplicates provider calls repeated (same idempotency key and attempt), with their bound
 * @param recovery   the case's recovery time and what it measures
 * @param drain      from the injection until every accepted item of the case was terminal
 * @param notes      anything else measured
 */
public record ResultRow(String caseId, String injected, int accepted, int lost, int doubles, String duplicates,
                        String recovery, String drain, String notes) {

    public static String seconds(Duration duration) {
        return duration == null ? "-" : String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
