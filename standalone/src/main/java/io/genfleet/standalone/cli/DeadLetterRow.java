package io.genfleet.standalone.cli;

import io.genfleet.common.status.ItemState;
import io.genfleet.producer.deadletter.DeadLetter;
import java.time.Instant;
import java.util.Map;

/**
 * One dead letter as {@code dlt list} prints it, whichever way it was read (Kafka or the HTTP API), with its
 * item's status now when known.
 *
 * @param epoch      the dead letter's epoch, or null when its request cannot be read
 * @param attempts   the attempts of its epoch, or null when unknown
 * @param errorType  the last error's wire name, or null when unknown
 * @param where      {@code topic/partition/offset}
 * @param message    the last error's message, or why the request cannot be read
 * @param nowStatus  the item's status now (wire name), or null when unknown
 * @param nowEpoch   the item's epoch now, or null when unknown
 */
record DeadLetterRow(String batchId, String itemKey, Integer epoch, Integer attempts, String errorType, Instant at,
                     String where, String message, String nowStatus, Integer nowEpoch) {

    /** From a record read from Kafka and the items' states read from the status topic (by item id). */
    static DeadLetterRow of(DeadLetter letter, Map<String, ItemState> now) {
        ItemState state = letter.readable() ? now.get(letter.request().itemId().toString()) : null;
        return new DeadLetterRow(letter.batchId(), letter.itemKey(),
                letter.readable() ? letter.request().epoch() : null, letter.attempts(),
                letter.errorType() == null ? null : letter.errorType().wireName(), letter.at(), letter.ref().toString(),
                letter.readable() ? letter.message() : "unreadable: " + letter.unreadable(),
                state == null ? null : state.status().wireName(), state == null ? null : state.epoch());
    }

    /** Whether its item runs (or ran) in a later epoch than the dead letter's: it was requeued since. */
    boolean requeued() {
        return epoch != null && nowEpoch != null && nowEpoch > epoch;
    }

    /** The item's status now and whether this dead letter was requeued since, or "-" when unknown. */
    String now() {
        if (nowStatus == null) {
            return "-";
        }
        String status = nowStatus + " (epoch " + nowEpoch + ")";
        return requeued() ? "requeued -> " + status : status;
    }
}
