package io.genfleet.standalone.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dlt replay --url}: requeues the matching dead letters through the public API, one
 * {@code POST /api/batches/{id}/items/{itemKey}/retry} per item at most {@code rate} per second. The producer
 * decides as for retry-failed (the item must be failed_permanent now, and each epoch is requeued at most once),
 * so a second run requeues nothing. Dead letters that cannot be requeued are skipped here first when the item
 * reads tell why, so that a run does not spend calls (and rate) on them.
 */
final class ApiReplay {

    private final DeadLetterApi api;
    private final PrintWriter out;

    ApiReplay(DeadLetterApi api, PrintWriter out) {
        this.api = api;
        this.out = out;
    }

    /** @return how many dead letters were requeued (in a dry run: would be) */
    int replay(DeadLetterApi.Filter filter, double perSecond, boolean dryRun) throws InterruptedException {
        List<DeadLetterRow> matching = api.list(filter);
        List<DeadLetterRow> candidates = new ArrayList<>();
        List<String> skips = new ArrayList<>();
        // A retry requeues the item, not one record: only the newest dead letter of each item (its latest epoch).
        Map<String, DeadLetterRow> newest = new HashMap<>();
        matching.forEach(letter -> newest.put(letter.batchId() + "/" + letter.itemKey(), letter));
        for (DeadLetterRow letter : matching) {
            String reason = null;
            if (letter.epoch() == null || letter.batchId() == null || letter.itemKey() == null) {
                reason = letter.message();
            } else if (letter.nowStatus() != null
                    && (!"failed_permanent".equals(letter.nowStatus()) || !letter.epoch().equals(letter.nowEpoch()))) {
                reason = "the item is " + letter.nowStatus() + " at epoch " + letter.nowEpoch()
                        + " now, not failed_permanent at epoch " + letter.epoch();
            } else if (newest.get(letter.batchId() + "/" + letter.itemKey()) != letter) {
                reason = "a newer dead letter of the same item stands for it";
            }
            if (reason == null) {
                candidates.add(letter);
            } else {
                skips.add("skipped      " + describe(letter) + ": " + reason);
            }
        }
        line("%d matching dead letter%s, %d %s", matching.size(), plural(matching.size()), candidates.size(),
                dryRun ? "eligible" : "to replay");
        skips.forEach(skip -> line("%s", skip));
        if (dryRun) {
            candidates.forEach(letter -> line("would replay %s -> epoch %d", describe(letter), letter.epoch() + 1));
            line("dry run: would replay %d dead letter%s; nothing was written", candidates.size(), plural(candidates.size()));
            return candidates.size();
        }
        int replayed = 0;
        int skipped = skips.size();
        long started = System.nanoTime();
        for (int i = 0; i < candidates.size(); i++) {
            throttle(started, i, perSecond);
            DeadLetterRow letter = candidates.get(i);
            DeadLetterApi.Retry retry = api.retry(letter.batchId(), letter.itemKey());
            if (retry.requeued().contains(letter.itemKey())) {
                replayed++;
                line("replayed     %s -> epoch %d", describe(letter), letter.epoch() + 1);
            } else {
                skipped++;
                line("skipped      %s: %s", describe(letter),
                        retry.skipReasons().isEmpty() ? "not requeued" : String.join("; ", retry.skipReasons()));
            }
            for (String dependent : retry.requeued()) {
                if (!dependent.equals(letter.itemKey())) {
                    line("requeued     %s/%s too (it waited for %s)", letter.batchId(), dependent, letter.itemKey());
                }
            }
        }
        line("replayed %d dead letter%s through the API; skipped %d", replayed, plural(replayed), skipped);
        return replayed;
    }

    /** Call {@code index} starts no earlier than {@code index / perSecond} seconds after the first. */
    private static void throttle(long started, int index, double perSecond) throws InterruptedException {
        long wait = started + (long) (index / perSecond * 1e9) - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private static String describe(DeadLetterRow letter) {
        String epoch = letter.epoch() == null ? "" : " epoch " + letter.epoch();
        return letter.batchId() + "/" + letter.itemKey() + epoch + " (" + letter.where() + ")";
    }

    private static String plural(int count) {
        return count == 1 ? "" : "s";
    }

    /** One line, flushed at once so that a pipe shows it live. */
    private void line(String format, Object... args) {
        out.printf(format + "%n", args);
        out.flush();
    }
}
