package io.genfleet.worker.provider.limit;

/** Sees how long each request or call waited for its permit (0 when it did not wait), for the metrics. */
@FunctionalInterface
public interface WaitObserver {

    WaitObserver NONE = nanos -> { };

    void waited(long nanos);
}
