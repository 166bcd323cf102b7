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
     */
    public record LaneView(String lane, long inFlight, int members, long lag, List<TopicView> topics) {
    }

    /**
     * @param tier    {@code requests}, {@code retry-<ms>} or {@code dead-letters}
     * @param lag     records not yet committed by the group (a delay topic's records wait for their due time)
     * @param members consumers of the topic's group
     */
    public record TopicView(String topic, String tier, String group, long lag, int members) {
    }
}
