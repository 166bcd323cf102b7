package io.genfleet.producer.batch;

import io.genfleet.producer.ProducerSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The client configuration of the batch writer: Boot's {@code spring.kafka.*} producer properties
 * (bootstrap servers, security) plus what the "all items or none" promise needs. Also used by the requeue
 * writer of retry-failed and dead-letter replay ({@code io.genfleet.producer.requeue}).
 */
public final class TransactionalProducerConfig {

    private TransactionalProducerConfig() {
    }

    public static Map<String, Object> build(Map<String, Object> base, ProducerSettings.Kafka kafka) {
        Map<String, Object> config = new HashMap<>(base);
        // Serializers are passed as instances; the factory sets transactional.id per producer.
        config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        // Required by transactions, and spelled out so a global spring.kafka.producer setting cannot turn it
        // off: the broker drops the duplicates that the client's internal retries would otherwise write.
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // A 202 promises the batch survives the loss of a partition leader: wait for every in-sync replica.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // Default 60 s. Bounds metadata waits, initTransactions, commit and abort: an HTTP caller is waiting.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis(kafka.maxBlock()));
        // Default 30 s; kept below delivery.timeout.ms, as the client requires. A slow request is retried
        // (idempotence makes that safe) rather than waited for.
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis(kafka.requestTimeout()));
        // Default 120 s. A record not acknowledged by then fails the batch (503), it is never "accepted later".
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis(kafka.deliveryTimeout()));
        // Default 60 s. A transaction left open by a crashed instance blocks every read_committed reader of
        // its partitions (workers, the aggregator) until the broker aborts it after this time.
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, millis(kafka.transactionTimeout()));
        return config;
    }

    /**
     * {@code genfleet-producer-<host>-<random>-}: unique per process, so two instances (or a restarted one
     * whose predecessor is still shutting down) never fence each other. Within the process the factory
     * appends a small reused suffix (0..concurrent-1).
     */
    static String transactionalIdPrefix() {
        return transactionalIdPrefix("genfleet-producer-");
    }

    /** {@code <name><host>-<random>-}, for another transactional writer of this process. */
    public static String transactionalIdPrefix(String name) {
        String host = System.getenv().getOrDefault("HOSTNAME", "local").replaceAll("[^A-Za-z0-9._-]", "-");
        if (host.isBlank()) {
            host = "local";
        }
        if (host.length() > 40) {
            host = host.substring(0, 40);
        }
        return name + host + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }
}
