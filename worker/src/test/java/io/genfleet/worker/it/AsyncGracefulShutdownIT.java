package io.genfleet.worker.it;

/**
 * {@link GracefulShutdownIT} with the async worker: stopping waits for the generation in flight (its offset is
 * committed), leaves the waiting request uncommitted, and the restarted worker generates each item once.
 */
class AsyncGracefulShutdownIT extends GracefulShutdownIT {

    @Override
    String mode() {
        return "async";
    }
}
