package io.genfleet.standalone.dlt;

import io.genfleet.producer.deadletter.DeadLetter;
/** What a dead-letter replay reports while it runs; the CLI prints it. */
public interface ReplayListener {

    /** The scan is done: {@code matching} dead letters match the filter, {@code toReplay} of them are eligible. */
    default void planned(int matching, int toReplay) {
    }

    default void skipped(DeadLetter letter, String reason) {
    }

    /** Dry run: this one would be replayed. */
    default void wouldReplay(DeadLetter letter) {
    }

    default void replayed(DeadLetter letter) {
    }

    /** After each throttled chunk. */
    default void progress(int done, int total, double perSecond) {
    }
}
