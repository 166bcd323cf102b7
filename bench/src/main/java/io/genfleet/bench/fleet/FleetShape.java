package io.genfleet.bench.fleet;

/** Which of the fleet's services one benchmark process runs (the broker is in it too, when embedded). */
public enum FleetShape {

    /** Producer, worker and aggregator together, as {@code genfleet serve}. */
    WHOLE_FLEET,

    /** A worker alone, as one worker pod: no HTTP API; requests are published straight to the lane topic. */
    WORKER_ALONE,

    /** A producer alone, as one producer pod: its HTTP API accepts submissions, nothing works them off. */
    PRODUCER_ALONE;

    public boolean hasApi() {
        return this != WORKER_ALONE;
    }

    public boolean hasWorker() {
        return this != PRODUCER_ALONE;
    }

    public boolean hasAggregator() {
        return this == WHOLE_FLEET;
    }
}
