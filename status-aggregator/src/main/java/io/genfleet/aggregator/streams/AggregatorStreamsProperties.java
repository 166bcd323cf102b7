package io.genfleet.aggregator.streams;

import io.genfleet.aggregator.AggregatorSettings;
import io.genfleet.common.topic.TopicSettings;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams configuration of the aggregator: Boot's {@code spring.kafka.*} plus genfleet's choices. */
public final class AggregatorStreamsProperties {

    /** The contract's application id (consumer group, prefix of internal topics). */
    public static final String APPLICATION_ID = "genfleet-status-aggregator";
    /** Where the safety-net deserialization handler finds its counter (see {@link SkippedRecordHandler}). */
    public static final String SKIPPED_RECORDS_COUNTER = "genfleet.aggregator.skipped-records-counter";
    /** Summaries lag item changes by at most about one commit: the record cache is flushed on commit. */
    public static final int COMMIT_INTERVAL_MS = 100;
    /** How long a vanished instance keeps its partitions (the Kafka default is 45 s). */
    public static final int SESSION_TIMEOUT_MS = 10_000;
    /** How often a member asks whether a rebalance started (the Kafka default is 3 s). */
    public static final int HEARTBEAT_INTERVAL_MS = 1_000;
    /**
     * The consumer's internal switch that Kafka Streams 4.1 turns off ({@code StreamsConfig}'s consumer
     * defaults), so that a closing dynamic member never sends a LeaveGroup — not on close, not even from
     * {@code removeStreamThread()}. Streams lets a {@code main.consumer.} override win.
     */
    public static final String LEAVE_GROUP_ON_CLOSE = "internal.leave.group.on.close";

    private AggregatorStreamsProperties() {
    }

    public static Properties build(KafkaProperties kafka, AggregatorSettings settings, TopicSettings topics,
                                   Runnable skippedRecordCounter) {
        Properties props = new Properties();
        Map<String, Object> boot = kafka.buildStreamsProperties();
        props.putAll(boot);
        // spring.kafka.streams.application-id may override it (e.g. two environments sharing a cluster).
        props.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        // An item transition updates the item store, its changelog and the repartition record that moves the
        // summary (subtract old, add new). Exactly-once commits the three atomically with the input offset:
        // under at-least-once a crash between them replays the transition and counts it twice.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Kept across restarts (never wiped on start): a restart only replays the changelog tail.
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.standbyReplicas());
        // Freshness: with exactly-once, downstream tasks (the summaries) and readers of the output only see
        // what was committed, and the record cache is flushed on commit; 100 ms keeps the summary within
        // about 100-200 ms of the items (the exactly-once default, spelled out because it matters here).
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        // The record cache (statestore.cache.max.bytes, default 10 MiB) stays at its default: it collapses
        // several transitions of one item within a commit into one summary update, and reads go through it.
        // Internal topics (changelogs, repartition) are replicated like genfleet's own topics, unless
        // spring.kafka.streams.replication-factor says otherwise.
        props.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) topics.replicationFactor());
        // A stopping instance (rolling update, scale-down, restart) leaves the group, so the others rebalance at
        // once and promote their standbys instead of answering 503 for its partitions until its session times
        // out. Kafka 4.1 Streams turns this off for its consumers; measured here with two instances and standby
        // replicas 1, a stop took 10.6-12.8 s to fail over without it, 1.7-5.0 s with it. A dynamic member gets a new member
        // id on restart anyway, so staying gains nothing; a static member (group.instance.id) still stays:
        // the client never sends LeaveGroup for one on close.
        props.putIfAbsent(StreamsConfig.mainConsumerPrefix(LEAVE_GROUP_ON_CLOSE), true);
        // An instance that vanishes without leaving (crash, kill -9, lost node) holds its partitions until the
        // session times out: a restart stood 43 s in REBALANCING (API 503) with the 45 s default. 10 s bounds
        // that; static membership (spring.kafka.streams.properties.group.instance.id) is the alternative.
        putMainConsumerDefault(props, ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
        // The others learn of a rebalance on their next heartbeat: 1 s instead of 3 s takes up to 2 s off every
        // fail-over, for one small request per second per instance (a third of the session timeout or less).
        putMainConsumerDefault(props, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, HEARTBEAT_INTERVAL_MS);
        if (!settings.applicationServer().isEmpty()) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, settings.applicationServer());
        }
        // Status records are read inside the topology (unreadable ones go to the status dead-letter topic);
        // this handler only guards the internal topics, which hold values this application wrote itself.
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, SkippedRecordHandler.class);
        props.put(SKIPPED_RECORDS_COUNTER, skippedRecordCounter);
        return props;
    }

    /** Sets a main-consumer setting unless {@code spring.kafka.streams.properties} already has it in either form. */
    private static void putMainConsumerDefault(Properties props, String name, Object value) {
        if (!props.containsKey(name) && !props.containsKey(StreamsConfig.consumerPrefix(name))) {
            props.putIfAbsent(StreamsConfig.mainConsumerPrefix(name), value);
        }
    }
}
