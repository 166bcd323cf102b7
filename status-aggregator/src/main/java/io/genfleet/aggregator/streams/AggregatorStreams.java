package io.genfleet.aggregator.streams;

import io.genfleet.common.status.StatusPartitioning;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the aggregator's Kafka Streams application for the life of the Spring context. It starts in the
 * lifecycle phase, i.e. after every singleton is initialized, so after genfleet's topics are provisioned;
 * it closes before the context goes away. Local state is never wiped on start.
 */
public class AggregatorStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AggregatorStreams.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);
    /**
     * How often Kafka's metric set is re-read for new metrics (Micrometer's default is 60 s). Per-partition
     * metrics such as {@code records-lag} only exist once partitions are assigned, so they appear on a
     * dashboard this long after a rebalance. Re-reading copies a map of a few hundred entries.
     */
    static final Duration METRICS_REFRESH = Duration.ofSeconds(10);
    /**
     * spring-kafka tags the clients it binds with {@code spring.id}; Prometheus needs one set of tag keys per
     * metric name, so the Streams clients (same {@code kafka.consumer.*}/{@code kafka.producer.*} names) carry
     * it too. Otherwise, in one process with the worker (standalone), one side's series would be dropped.
     */
    static final Tag SPRING_ID = Tag.of("spring.id", "genfleet-status-aggregator");

    private final Topology topology;
    private final Properties properties;
    private final StateRestoreListener restoreListener;
    private final MeterRegistry registry;
    private final CatchUpGate catchUp;
    private volatile KafkaStreams streams;
    private KafkaStreamsMetrics metrics;
    private ScheduledExecutorService metricsRefresh;

    public AggregatorStreams(Topology topology, Properties properties, StateRestoreListener restoreListener,
                             MeterRegistry registry, CatchUpGate catchUp) {
        this.topology = topology;
        this.properties = properties;
        this.restoreListener = restoreListener;
        this.registry = registry;
        this.catchUp = catchUp;
    }

    @Override
    public synchronized void start() {
        if (streams != null) {
            return;
        }
        KafkaStreams created = new KafkaStreams(topology, properties);
        created.setStateListener((next, previous) -> {
            log.info("Status aggregator streams {} -> {}", previous, next);
            catchUp.stateChanged(next, () -> inputPartitions(created));
        });
        created.setGlobalStateRestoreListener(restoreListener);
        created.setUncaughtExceptionHandler(e -> {
            // Transient failures (broker unavailable, fenced producer) heal in a new thread; aggregation
            // itself is pure and unreadable input is dead-lettered, so this is not a poison-record loop.
            log.error("Status aggregator stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        if (registry != null) {
            metricsRefresh = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "aggregator-streams-metrics");
                thread.setDaemon(true);
                return thread;
            });
            metrics = new KafkaStreamsMetrics(created, List.of(SPRING_ID), metricsRefresh, METRICS_REFRESH);
            metrics.bindTo(registry);
        }
        created.start();
        streams = created;
        log.info("Status aggregator streams started (application id {}, state dir {})",
                properties.get("application.id"), properties.get("state.dir"));
    }

    @Override
    public synchronized void stop() {
        KafkaStreams running = streams;
        if (running == null) {
            return;
        }
        streams = null;
        if (!running.close(CLOSE_TIMEOUT)) {
            log.warn("Status aggregator streams did not close within {}", CLOSE_TIMEOUT);
        }
        if (metrics != null) {
            metrics.close();
            metrics = null;
            metricsRefresh.shutdownNow();
            metricsRefresh = null;
        }
    }

    @Override
    public boolean isRunning() {
        return streams != null;
    }

    /** The Streams state; {@code NOT_RUNNING} before start and after stop. */
    public KafkaStreams.State state() {
        KafkaStreams current = streams;
        return current == null ? KafkaStreams.State.NOT_RUNNING : current.state();
    }

    /**
     * Where the key of a store lives: its partition and the instances holding that partition (active and
     * standby), from the assignment this instance last received. {@link KeyQueryMetadata#NOT_AVAILABLE}
     * until the first assignment.
     */
    public KeyQueryMetadata keyMetadata(String store, String key) {
        // Both stores are partitioned by batch id (the status topic is): an item key by its batch id prefix.
        return running().queryMetadataForKey(store, key, (topic, storeKey, value, partitions) ->
                Optional.of(Set.of(StatusPartitioning.partitionOfKey(storeKey, partitions))));
    }

    /** Like {@link #keyMetadata} for a partition of the store rather than a key. */
    public KeyQueryMetadata partitionMetadata(String store, int partition) {
        return running().queryMetadataForKey(store, "", (topic, key, value, partitions) -> Optional.of(Set.of(partition)));
    }


    /**
     * True when queries may be answered: Streams is RUNNING and has caught up with the input it had when it became
     * RUNNING (see {@link CatchUpGate}), so no answer is behind one an earlier owner of the stores already gave.
     */
    public boolean answersQueries() {
        return state() == KafkaStreams.State.RUNNING && catchUp.isOpen();
    }

    private static Set<TopicPartition> inputPartitions(KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .flatMap(task -> task.topicPartitions().stream())
                .collect(Collectors.toSet());
    }

    private KafkaStreams running() {
        KafkaStreams current = streams;
        if (current == null) {
            throw new IllegalStateException("status aggregator streams are not started");
        }
        return current;
    }

    /** A queryable store; only call it while {@link #state()} is {@code RUNNING}. */
    public <T> T store(StoreQueryParameters<T> parameters) {
        return running().store(parameters);
    }
}
