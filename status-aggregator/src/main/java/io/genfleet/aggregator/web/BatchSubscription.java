package io.genfleet.aggregator.web;

import io.genfleet.aggregator.query.StatusQueryService;
import io.genfleet.aggregator.query.StatusUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's view of one batch: each poll compares the stores with what the client was last sent and
 * sends an {@code item} event per changed item, then a {@code summary} event when the summary changed.
 * A quiet batch costs one key lookup per poll; its items are only scanned when the summary moved (or every
 * {@link #FULL_SCAN}). Polls run on one scheduler thread, one at a time per subscription. Once the batch is done
 * the stream ends with an {@code end} event; heartbeats are sent only while it is open.
 */
final class BatchSubscription {

    /** A comment line now and then, so a silent stream notices a client that went away. */
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** The last event of a stream, sent once the batch is done. */
    static final String END_EVENT = "end";
    /** How often the items are compared even when the summary did not move. */
    static final Duration FULL_SCAN = Duration.ofSeconds(5);

    private final String batchId;
    private final SseEmitter emitter;
    private final StatusQueryService query;
    private final Map<String, ItemResponse> sentItems = new HashMap<>();
    private BatchSummaryResponse sentSummary;
    private long lastSentNanos = System.nanoTime();
    private long lastItemScanNanos = System.nanoTime() - FULL_SCAN.toNanos();
    private volatile ScheduledFuture<?> schedule;
    private volatile boolean closed;

    BatchSubscription(String batchId, SseEmitter emitter, StatusQueryService query) {
        this.batchId = batchId;
        this.emitter = emitter;
        this.query = query;
    }

    void scheduledAs(ScheduledFuture<?> schedule) {
        this.schedule = schedule;
        if (closed) {
            schedule.cancel(false);
        }
    }

    /** One poll: never throws, so the scheduler keeps running it until the subscription is closed. */
    void poll() {
        if (closed) {
            return;
        }
        try {
            sendChanges();
        } catch (StatusUnavailableException e) {
            // Rebalancing or restoring: skip this poll, the next one catches up.
        } catch (IOException | IllegalStateException e) {
            // The client went away (or the emitter already completed): stop polling for it.
            close();
        } catch (RuntimeException e) {
            emitter.completeWithError(e);
            close();
        }
    }

    private void sendChanges() throws IOException {
        long now = System.nanoTime();
        BatchSummaryResponse summary = query.summary(batchId).map(BatchSummaryResponse::of).orElse(null);
        boolean summaryChanged = summary != null && !summary.equals(sentSummary);
        boolean sent = false;
        // Every item change moves the summary (counts, retries or updatedAt), except a late error that only
        // changes lastError: so items are scanned when the summary moved, plus a full scan now and then.
        if (summaryChanged || now - lastItemScanNanos >= FULL_SCAN.toNanos()) {
            sent = sendChangedItems();
            lastItemScanNanos = now;
        }
        // The summary after the items: a client that sees done=true already has every final item.
        if (summaryChanged) {
            emitter.send(SseEmitter.event().name("summary").data(summary, MediaType.APPLICATION_JSON));
            sentSummary = summary;
            sent = true;
            if (summary.done()) {
                end();
                return;
            }
        }
        if (sent) {
            lastSentNanos = now;
        } else if (now - lastSentNanos >= HEARTBEAT.toNanos()) {
            emitter.send(SseEmitter.event().comment("heartbeat"));
            lastSentNanos = now;
        }
    }

    private boolean sendChangedItems() throws IOException {
        boolean sent = false;
        for (var item : query.items(batchId)) {
            ItemResponse response = ItemResponse.of(item);
            if (!response.equals(sentItems.get(response.itemKey()))) {
                emitter.send(SseEmitter.event().name("item").data(response, MediaType.APPLICATION_JSON));
                sentItems.put(response.itemKey(), response);
                sent = true;
            }
        }
        return sent;
    }

    /**
     * The batch is done: a last {@code end} event, then the server closes the stream, so no heartbeats keep a
     * finished stream open. A retry-failed moves the batch again; a client that wants to see that subscribes
     * again (the page does after its retry button).
     */
    private void end() throws IOException {
        Map<String, Object> end = new LinkedHashMap<>();
        end.put("batchId", batchId);
        end.put("done", true);
        emitter.send(SseEmitter.event().name(END_EVENT).data(end, MediaType.APPLICATION_JSON));
        close();
        emitter.complete();
    }

    /** Stops polling; idempotent. */
    void close() {
        closed = true;
        ScheduledFuture<?> current = schedule;
        if (current != null) {
            current.cancel(false);
        }
    }

    /** Ends the stream from the server side (shutdown). */
    void complete() {
        close();
        emitter.complete();
    }
}
