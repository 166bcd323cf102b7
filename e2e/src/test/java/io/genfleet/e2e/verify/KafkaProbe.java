package io.genfleet.e2e.verify;

import static org.awaitility.Awaitility.await;

import io.genfleet.common.item.Lane;
import io.genfleet.e2e.rig.Fleet;
import io.genfleet.common.topic.TopicCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/** Questions to the broker about consumer groups and offsets, asked with an admin client (never a consumer in a group). */
public final class KafkaProbe {

    public static final String AGGREGATOR_GROUP = "genfleet-status-aggregator";
    private static final TopicCatalog CATALOG = TopicCatalog.defaults();

    private final Admin admin;
    private final String bootstrapServers;
    private final int consumersPerWorker;

    public KafkaProbe(Admin admin, String bootstrapServers, int consumersPerWorker) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.consumersPerWorker = consumersPerWorker;
    }

    /** The consumer group of a worker topic: the lane's group id plus the topic's suffix (retry, dead letter). */
    public static String groupOf(String topic) {
        Lane lane = CATALOG.laneOf(topic).orElseThrow();
        return CATALOG.workerGroup(lane, topic);
    }

    /** Every topic a worker consumes: per lane, the lane topic, its delay topics and its dead-letter topic. */
    public static List<String> workerTopics() {
        List<String> topics = new ArrayList<>();
        for (Lane lane : Lane.values()) {
            topics.addAll(CATALOG.chain(lane));
        }
        return topics;
    }

    /** The topics on which a worker calls the provider (not the dead-letter topics). */
    public static List<String> callingTopics() {
        return workerTopics().stream().filter(topic -> CATALOG.attemptOf(topic).isPresent()).toList();
    }

    public static List<String> laneTopics() {
        return List.of(CATALOG.requests(Lane.IMAGE).name(), CATALOG.requests(Lane.VIDEO).name());
    }

    public Map<String, ConsumerGroupDescription> describe(Collection<String> groups) {
        try {
            return admin.describeConsumerGroups(groups).all().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe groups " + groups + ": " + e, e);
        }
    }

    /**
     * Waits until every worker group is STABLE with {@code workers} x consumers-per-worker members and every partition
     * assigned: all workers are in, none is gone. Returns how long that took.
     */
    public Duration awaitWorkerGroupsStable(int workers, Duration atMost) {
        long started = System.nanoTime();
        List<String> groups = workerTopics().stream().map(KafkaProbe::groupOf).toList();
        await().alias("every worker group stable with " + workers + " workers").atMost(atMost)
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> describe(groups).values().stream().allMatch(group -> stable(group,
                        workers * consumersPerWorker)));
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static boolean stable(ConsumerGroupDescription group, int members) {
        int assigned = group.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum();
        return group.groupState() == GroupState.STABLE && group.members().size() == members
                && assigned == Fleet.PARTITIONS;
    }

    /** Member ids per worker group: a consumer evicted and re-admitted comes back with a new id. */
    public Map<String, Set<String>> workerMemberIds() {
        List<String> groups = workerTopics().stream().map(KafkaProbe::groupOf).toList();
        Map<String, Set<String>> ids = new TreeMap<>();
        describe(groups).forEach((group, description) -> ids.put(group, description.members().stream()
                .map(MemberDescription::consumerId).collect(Collectors.toCollection(TreeSet::new))));
        return ids;
    }

    public Map<TopicPartition, Long> committed(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, Long> committed = new HashMap<>();
            offsets.forEach((partition, offset) -> {
                if (offset != null) {
                    committed.put(partition, offset.offset());
                }
            });
            return committed;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the offsets of " + group + ": " + e, e);
        }
    }

    /** The committed offsets of every worker group, per topic partition. */
    public Map<TopicPartition, Long> workerCommitted() {
        Map<TopicPartition, Long> all = new HashMap<>();
        for (String topic : workerTopics()) {
            committed(groupOf(topic)).forEach((partition, offset) -> {
                if (partition.topic().equals(topic)) {
                    all.put(partition, offset);
                }
            });
        }
        return all;
    }

    public Map<TopicPartition, Long> endOffsets(Collection<String> topics) {
        try {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (String topic : topics) {
                for (int partition = 0; partition < Fleet.PARTITIONS; partition++) {
                    request.put(new TopicPartition(topic, partition), OffsetSpec.latest());
                }
            }
            Map<TopicPartition, ListOffsetsResultInfo> result = admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, Long> ends = new HashMap<>();
            result.forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the end offsets of " + topics + ": " + e, e);
        }
    }

    /**
     * Waits until a group has committed at least the given offsets, i.e. has processed everything before them.
     * Returns how long that took.
     */
    public Duration awaitCommitted(String group, Map<TopicPartition, Long> targets, Duration atMost) {
        long started = System.nanoTime();
        await().alias(group + " has processed up to " + targets.values().stream().mapToLong(Long::longValue).sum()
                        + " offsets").atMost(atMost).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> {
                    Map<TopicPartition, Long> committed = committed(group);
                    return targets.entrySet().stream().allMatch(target ->
                            committed.getOrDefault(target.getKey(), 0L) >= target.getValue());
                });
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Per partition of {@code topics}: the offset after its last data record, i.e. "processed everything up to now". */
    public Map<TopicPartition, Long> processedAllTargets(Collection<String> topics) {
        try (TopicTail tail = new TopicTail(bootstrapServers)) {
            return tail.afterLastRecord(endOffsets(topics));
        }
    }

    /** Waits until the aggregator has processed everything on the status topic up to now. */
    public Duration awaitAggregatorCaughtUp(Duration atMost) {
        return awaitCommitted(AGGREGATOR_GROUP, processedAllTargets(List.of(CATALOG.status().name())), atMost);
    }

    /** Waits until every worker group has processed everything on its topic up to now. */
    public Duration awaitWorkersCaughtUp(Collection<String> topics, Duration atMost) {
        long started = System.nanoTime();
        Map<TopicPartition, Long> targets = processedAllTargets(topics);
        for (String topic : topics) {
            awaitCommitted(groupOf(topic), TopicTail.ofTopics(targets, List.of(topic)), atMost);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Moves a group's committed offsets (the group must be empty: no member running). */
    public void alterOffsets(String group, Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> request = new HashMap<>();
        offsets.forEach((partition, offset) -> request.put(partition, new OffsetAndMetadata(offset)));
        try {
            admin.alterConsumerGroupOffsets(group, request).all().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot move the offsets of " + group + ": " + e, e);
        }
    }
}
