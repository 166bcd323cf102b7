package io.genfleet.bench.fleet;

import java.time.Duration;

/** The benchmark's polling pause (a measurement loop, not a test wait). */
public final class Pause {

    private Pause() {
    }

    public static void briefly(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
