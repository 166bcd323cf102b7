package io.genfleet.aggregator.fleet;

import io.genfleet.aggregator.query.LocalStatusQueryService;
import io.genfleet.common.item.Lane;
import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ItemState;
import io.genfleet.common.status.ItemStatus;
import io.genfleet.common.topic.TopicCatalog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Reads the fleet view: lag and members from Kafka (an admin client), generations in flight from the aggregator's
 * stores, completion and failure rates from {@link LaneRates}. Every Kafka call is bounded; a broker that does not answer is a {@link FleetUnavailableException}.
 */
public class FleetReader implements AutoCloseable {

    private static final long TIMEOUT_MS = 5_000;

    private final Admin admin;
    private final TopicCatalog catalog;
    private final LocalStatusQueryService query;
    private final LaneRates rates;
    private final Clock clock;
    private final MarkerCheck markers;

    public FleetReader(Admin admin, Map<String, Object> consumerConfig, TopicCatalog catalog,
                       LocalStatusQueryService query, LaneRates rates, Clock clock) {
        this.admin = admin;
        this.markers = new MarkerCheck(consumerConfig);
        this.catalog = catalog;
        this.query = query;
        this.rates = rates;
        this.clock = clock;
    }

    public FleetView read() {
        Map<Lane, Long> inFlight = inFlight();
        List<FleetView.LaneView> lanes = new ArrayList<>();
        try {
            for (Lane lane : Lane.values()) {
                lanes.add(lane(lane, inFlight.getOrDefault(lane, 0L)));
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new FleetUnavailableException("Kafka did not answer the fleet's offsets and groups: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetUnavailableException("interrupted while reading the fleet's offsets", e);
        }
        return new FleetView(clock.instant(), lanes);
    }

    private FleetView.LaneView lane(Lane lane, long inFlight) throws ExecutionException, InterruptedException,
            TimeoutException {
        List<String> topics = catalog.chain(lane);
        List<String> groups = topics.stream().map(topic -> catalog.workerGroup(lane, topic)).toList();
        Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groups).all()
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> ends = endOffsets(topics);
        List<FleetView.TopicView> views = new ArrayList<>();
        long laneLag = 0;
        for (int i = 0; i < topics.size(); i++) {
            String topic = topics.get(i);
            String group = groups.get(i);
            long lag = lag(topic, group, ends);
            ConsumerGroupDescription description = described.get(group);
            int members = description == null ? 0 : description.members().size();
            String tier = tier(lane, topic, catalog.requests(lane).name());
            if (!tier.equals("dead-letters")) {
                laneLag += lag;
            }
            views.add(new FleetView.TopicView(topic, tier, group, lag, members));
        }
        LaneRates.Rates rate = rates.of(lane);
        return new FleetView.LaneView(lane.wireName(), inFlight, views.get(0).members(), laneLag,
                rate.completedPerMinute(), rate.failedPermanentPerMinute(), views);
    }

    private String tier(Lane lane, String topic, String laneTopic) {
        if (topic.equals(laneTopic)) {
            return "requests";
        }
        return topic.equals(catalog.deadLetter(lane)) ? "dead-letters" : topic.substring(laneTopic.length() + 1);
    }

    private Map<TopicPartition, Long> endOffsets(List<String> topics) throws ExecutionException, InterruptedException,
            TimeoutException {
        Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        descriptions.values().forEach(description -> description.partitions().forEach(partition ->
                request.put(new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> infos = admin.listOffsets(request).all()
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> ends = new HashMap<>();
        infos.forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /**
     * End minus committed, over the topic's partitions; a partition the group never committed counts whole. A
     * small difference is checked for transaction markers (see {@link MarkerCheck}), so an idle lane shows 0.
     */
    private long lag(String topic, String group, Map<TopicPartition, Long> ends) throws ExecutionException,
            InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
            committed = Map.of();
        }
        long lag = 0;
        Map<TopicPartition, long[]> suspects = new HashMap<>();
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (!end.getKey().topic().equals(topic)) {
                continue;
            }
            OffsetAndMetadata offset = committed.get(end.getKey());
            long from = offset == null ? 0 : offset.offset();
            long difference = Math.max(0, end.getValue() - from);
            if (difference > 0 && difference <= MarkerCheck.SUSPECT_GAP) {
                suspects.put(end.getKey(), new long[] {from, end.getValue()});
            } else {
                lag += difference;
            }
        }
        for (long records : markers.recordsBetween(suspects).values()) {
            lag += records;
        }
        return lag;
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(5));
    }

    /** Items generating now per lane: only live batches with a generating item are opened. */
    private Map<Lane, Long> inFlight() {
        Map<Lane, Long> counts = new EnumMap<>(Lane.class);
        for (BatchSummary summary : query.summaries()) {
            if (summary.done() || summary.count(ItemStatus.GENERATING) == 0) {
                continue;
            }
            for (ItemState item : query.items(summary.batchId())) {
                if (item.status() == ItemStatus.GENERATING) {
                    counts.merge(item.lane(), 1L, Long::sum);
                }
            }
        }
        return counts;
    }
}
