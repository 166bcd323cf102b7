package io.genfleet.worker.kafka;

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
     * 50 ms instead of 500 ms: a fetch parked at a quiet broker delays the records of a partition resumed just
     * after it was sent (a delay topic whose head became due, a permit released); measured with the delay topics
     * (PITFALLS.md) retry lateness p99 ~220-500 ms with the default, ~50 ms with 50 ms.
     */
    static final int FETCH_MAX_WAIT_MS = 50;

    /** Kafka's default: the in-flight limit, not the poll, bounds the work a consumer holds. */
    static final int MAX_POLL_RECORDS = 500;

    private KafkaClientConfigs() {
    }

    public static Map<String, Object> consumer(Map<String, Object> base) {
        Map<String, Object> config = new HashMap<>(base);
        // Deserializers are passed as instances (raw bytes); each topic loop names its own group.
        config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        // Offsets are committed by the topic loops, and only for records whose events are acknowledged.
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A new consumer group (first deployment of a lane) must take the requests already waiting, not skip them.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The producer writes a batch in one transaction: never generate items of an aborted batch.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Topics are created by genfleet's provisioner with the lane's partition count, never by a subscription.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
        // The topic loops keep polling while generations run and pause partitions for backpressure: a slow
        // provider never holds a poll, so Kafka's max.poll.interval.ms (5 min) stays as configured.
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        // Cooperative rebalancing: a scale-out moves some partitions instead of revoking all of them, so the
        // generations in flight on partitions that stay are never abandoned (and repeated) by a rebalance.
        config.putIfAbsent(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                CooperativeStickyAssignor.class.getName());
        return config;
    }

    public static Map<String, Object> producer(Map<String, Object> base) {
        Map<String, Object> config = new HashMap<>(base);
        config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        // Not transactional: every send is acknowledged before the record's offset is committed, and a global
        // spring.kafka.producer.transaction-id-prefix must not add a transaction per status event.
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
