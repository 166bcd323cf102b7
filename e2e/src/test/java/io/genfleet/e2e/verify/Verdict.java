package io.genfleet.e2e.verify;

import java.util.List;

/**
 * How a case ended, compared with the ledger.
 *
 * @param accepted     items the producer accepted (202) in the case
 * @param lost         accepted items that are not terminal, or missing, in the aggregate or in the status topic
 * @param doubleCounts items counted more than once: a summary total or terminal count above the ledger, an item
 *                     listed twice, retries above what the status topic shows
 * @param mismatches   items whose state in the aggregate differs from the status topic's merge, summaries whose
 *                     counts do not add up, and items the aggregate has that the ledger does not
 * @param problems     the first few problems, for the failure message
 */
public record Verdict(int accepted, int lost, int doubleCounts, int mismatches, List<String> problems) {

    public boolean clean() {
        return lost == 0 && doubleCounts == 0 && mismatches == 0;
    }

    @Override
    public String toString() {
        return accepted + " accepted, " + lost + " lost, " + doubleCounts + " double counts, " + mismatches
                + " mismatches" + (problems.isEmpty() ? "" : "; first problems: " + problems);
    }
}
