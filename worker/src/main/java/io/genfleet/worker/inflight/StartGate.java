package io.genfleet.worker.inflight;

/**
 * Whether a topic loop may start a record now, asked after the in-flight permit was taken: a lane whose provider's
 * circuit breaker is open says no, and its records wait in Kafka with their partitions paused, attempts unspent.
 */
public interface StartGate {

    /** Always yes (the simulated provider, the dead-letter topic). */
    StartGate ALWAYS = new StartGate() {
        @Override
        public boolean tryStart() {
            return true;
        }

        @Override
        public void release() {
        }
    };

    /** True to start one record now; the loop asks again on its next step (at most 100 ms later) otherwise. */
    boolean tryStart();

    /** Gives back a yes for a record that did not start after all. */
    void release();
}
