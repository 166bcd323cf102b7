package io.genfleet.worker.kafka;

import io.genfleet.worker.WorkerSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The worker's client settings: Boot's {@code spring.kafka.*} (bootstrap servers, security) plus what the
 * worker's guarantees need. Every value that differs from Kafka's default says why.
 */
public final class KafkaClientConfigs {

    /**
     * 50 ms instead of 500 ms. After a failure (and for every delayed record not yet due) the error handler
     * seeks the partition back, and the re-fetch waits out the fetch still parked at the broker: measured
     * here (PITFALLS.md) about 500 ms of stall per failure and partition with the default, draining a
     * 2,000-item batch with 30% failures in 72 s instead of 23 s, retry lateness p99 ~220-500 ms instead of ~50 ms.
     */
    static final int FETCH_MAX_WAIT_MS = 50;

    private static final Duration DEFAULT_MAX_POLL_INTERVAL = Duration.ofMinutes(5);
    /** Kafka's default: in the async mode the in-flight limit, not the poll, bounds the work a consumer holds. */
    static final int ASYNC_MAX_POLL_RECORDS = 500;

    private KafkaClientConfigs() {
    }

    public static Map<String, Object> consumer(Map<String, Object> base, WorkerSettings settings) {
        Map<String, Object> config = new HashMap<>(base);
        // Deserializers are passed as instances (raw bytes); the group id comes from each listener endpoint.
        config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        // Offsets are committed by the container, and only for records whose events are acknowledged.
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A new consumer group (first deployment of a lane) must take the requests already waiting, not skip them.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The producer writes a batch in one transaction: never generate items of an aborted batch.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Topics are created by genfleet's provisioner with the lane's partition count, never by a subscription.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
        if (settings.mode() == WorkerSettings.Mode.ASYNC) {
            // The async loops keep polling while generations run and pause partitions for backpressure: Kafka's
            // defaults (500 records, 5 min) fit, and a slow provider never holds a poll.
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, ASYNC_MAX_POLL_RECORDS);
            config.putIfAbsent(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) DEFAULT_MAX_POLL_INTERVAL.toMillis());
            // Cooperative rebalancing: a scale-out moves some partitions instead of revoking all of them, so the
            // generations in flight on partitions that stay are never abandoned (and repeated) by a rebalance.
            config.putIfAbsent(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                    CooperativeStickyAssignor.class.getName());
            return config;
        }
        // A poll's records are generated one after another: few of them, so a rebalance or a shutdown waits little.
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, maxPollIntervalMs(base, settings));
        return config;
    }

    /**
     * Long enough for a whole poll of provider calls that each run into the time limit, so a slow provider
     * never makes the consumer leave its group (a rebalance storm); Kafka's 5 minutes at least.
     */
    static int maxPollIntervalMs(Map<String, Object> base, WorkerSettings settings) {
        long worstPoll = settings.provider().timeout().plusSeconds(5).toMillis() * settings.maxPollRecords();
        long configured = base.containsKey(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG)
                ? Long.parseLong(base.get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG).toString())
                : DEFAULT_MAX_POLL_INTERVAL.toMillis();
        return (int) Math.min(Integer.MAX_VALUE, Math.max(configured, worstPoll + 60_000));
    }

    public static Map<String, Object> producer(Map<String, Object> base) {
        Map<String, Object> config = new HashMap<>(base);
        config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        // Retry topics cannot be combined with transactions (spring-kafka #2934): a global
        // spring.kafka.producer.transaction-id-prefix must not make this producer transactional.
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        // Spelled out so a global spring.kafka.producer setting cannot weaken them: status events, delayed
        // requests and dead letters survive a leader change, and client retries never write duplicates.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return config;
    }

    /** How long to wait for a send: the producer gives up after {@code delivery.timeout.ms} (default 120 s). */
    static Duration sendTimeout(Map<String, Object> producerConfig) {
        Object configured = producerConfig.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
        long deliveryTimeout = configured == null ? 120_000 : Long.parseLong(configured.toString());
        return Duration.ofMillis(deliveryTimeout).plusSeconds(5);
    }
}
