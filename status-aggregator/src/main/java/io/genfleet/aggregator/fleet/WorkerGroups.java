package io.genfleet.aggregator.fleet;

import io.genfleet.common.item.Lane;

/**
 * The consumer groups of the worker: one per lane topic, delay topic and dead-letter topic, named after the lane
 * and the topic's suffix ({@code genfleet-worker-image}, {@code genfleet-worker-image-retry-2000},
 * {@code genfleet-worker-image-dlt}). Mirrors the worker's {@code LaneLoops.groupId}; the aggregator does not
 * depend on the worker module, and the names are part of what dashboards read.
 */
final class WorkerGroups {

    private WorkerGroups() {
    }

    static String of(Lane lane, String laneTopic, String topic) {
        return "genfleet-worker-" + lane.wireName() + topic.substring(laneTopic.length());
    }
}
