package io.genfleet.aggregator.fleet;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/fleet}: per lane, how far the worker is behind on each of its topics and who is working.
 *
 * @param at when the offsets were read
 */
public record FleetView(Instant at, List<LaneView> lanes) {

    /**
     * @param inFlight items {@code generating} now, over the live batches the aggregator holds
     * @param members  worker processes: members of the lane topic's consumer group
     * @param lag      the lane's lag over its request and delay topics (not the dead-letter topic)
     * @param completedPerMinute       items completed per minute over the last 5 minutes, as this aggregator
     *                                 instance saw them (see {@link LaneRates})
     * @param failedPermanentPerMinute items failed permanently per minute, likewise
     */
    public record LaneView(String lane, long inFlight, int members, long lag, double completedPerMinute,
                           double failedPermanentPerMinute, List<TopicView> topics) {
    }

    /**
     * @param tier    {@code requests}, {@code retry-<ms>} or {@code dead-letters}
     * @param lag     records not yet committed by the group (a delay topic's records wait for their due time)
     * @param members consumers of the topic's group
     */
    public record TopicView(String topic, String tier, String group, long lag, int members) {
    }
}
