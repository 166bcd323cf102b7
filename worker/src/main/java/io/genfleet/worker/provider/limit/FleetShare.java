package io.genfleet.worker.provider.limit;

/**
 * What one worker process may use of a lane's fleet-wide provider limits: an equal share per member of the
 * lane's request group ({@code genfleet-worker-<lane>}, one member per worker process of the lane).
 *
 * <p>Why members and not assigned partitions: every process of a lane calls the provider for its request
 * partitions and, through its delay-topic groups, for retries whose partitions are assigned independently, so a
 * share by request partitions would not follow where requests are made. An equal share keeps the sum of the
 * shares at the fleet limit whatever the assignment; what it gives up is the share of a member with no work
 * (more members than partitions, a lane that is idle here), which stays unused. The count is read with Kafka's
 * Admin API ({@link GroupMembers}) on every rebalance of this process and every few seconds.
 */
public final class FleetShare {

    private FleetShare() {
    }

    /** Requests per second of one process: the fleet's limit divided among the members (at least one). */
    public static double rate(double fleetRequestsPerSecond, int members) {
        if (!(fleetRequestsPerSecond > 0)) {
            throw new IllegalArgumentException("the fleet's rate must be positive, got " + fleetRequestsPerSecond);
        }
        return fleetRequestsPerSecond / Math.max(1, members);
    }

    /**
     * Calls at once of one process: the fleet's cap divided among the members, rounded up, and at least 1 so
     * that every member can make progress. Rounding up may let the fleet run up to {@code members - 1} calls
     * over the cap when the cap is not a multiple of the members; rounding down would leave capacity unused
     * (a cap of 5 on 2 workers: 6 instead of 4), and a cap below the member count could not be kept either way.
     */
    public static int concurrency(int fleetCap, int members) {
        if (fleetCap < 1) {
            throw new IllegalArgumentException("the fleet's cap must be at least 1, got " + fleetCap);
        }
        int share = Math.max(1, members);
        return Math.max(1, (fleetCap + share - 1) / share);
    }
}
