package io.genfleet.producer.claim;

import io.genfleet.common.json.InvalidMessageException;
import io.genfleet.common.kafka.CommittedReads;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's reader of the replay-claims topic, feeding a {@link ClaimLedger}. It reads on demand, on
 * the caller's thread (one caller at a time), always continuing where it stopped: the first use reads the
 * topic from the beginning, later uses only what was written since.
 *
 * <p>Reading is read_committed: a claim counts once its transaction is committed, and the reader cannot pass
 * a transaction that is still open, so claims are always decided in log order, never out of it.
 */
public final class ClaimLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClaimLog.class);

    private final Map<String, Object> consumerConfig;
    private final String topic;
    private final ClaimLedger ledger;
    private final ReentrantLock lock = new ReentrantLock();
    private KafkaConsumer<String, byte[]> consumer;
    private List<TopicPartition> partitions;
    private long unreadable;

    public ClaimLog(Map<String, Object> consumerConfig, String topic, ClaimLedger ledger) {
        this.consumerConfig = CommittedReads.consumerConfig(consumerConfig, "genfleet-replay-claims");
        this.topic = topic;
        this.ledger = ledger;
    }

    public ClaimLedger ledger() {
        return ledger;
    }

    public String topic() {
        return topic;
    }

    /** Reads until every given offset has been applied (the position is past it). */
    public void readPast(Map<TopicPartition, Long> offsets, Duration timeout) {
        locked(timeout, () -> {
            Map<TopicPartition, Long> targets = new java.util.HashMap<>();
            offsets.forEach((partition, offset) -> targets.put(partition, offset + 1));
            CommittedReads.readUntil(consumer, targets, timeout, this::apply);
        });
    }

    /** Reads everything committed so far. */
    public void readToEnd(Duration timeout) {
        locked(timeout, () -> CommittedReads.readToEnd(consumer, partitions, timeout, this::apply));
    }

    /** Whether a claim of {@code key} written now would lose (as of what has been read). */
    public boolean isHeld(String key, Instant now) {
        return ledger.isHeld(key, now);
    }

    private void locked(Duration timeout, Runnable read) {
        boolean acquired;
        try {
            acquired = lock.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.apache.kafka.common.errors.InterruptException(e);
        }
        if (!acquired) {
            throw new org.apache.kafka.common.errors.TimeoutException("the claims reader is busy for longer than "
                    + timeout.toMillis() + " ms");
        }
        try {
            if (consumer == null) {
                open(timeout);
            }
            read.run();
        } finally {
            lock.unlock();
        }
    }

    private void open(Duration timeout) {
        KafkaConsumer<String, byte[]> created = CommittedReads.consumer(consumerConfig);
        try {
            List<TopicPartition> all = CommittedReads.partitions(created, topic, timeout);
            created.assign(all);
            created.seekToBeginning(all);
            partitions = all;
            consumer = created;
        } catch (RuntimeException e) {
            created.close(Duration.ZERO);
            throw e;
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        ClaimRecord claim;
        try {
            claim = ClaimRecord.SERDE.read(record.value());
        } catch (InvalidMessageException | IllegalArgumentException e) {
            unreadable++;
            log.warn("Skipping unreadable claim record {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        if (record.key() == null || claim == null) {
            unreadable++;
            return;
        }
        ledger.apply(record.key(), claim);
    }

    /** Records of the claims topic that were not claim records (skipped). */
    public long unreadable() {
        return unreadable;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (consumer != null) {
                consumer.close(Duration.ofSeconds(5));
                consumer = null;
            }
        } finally {
            lock.unlock();
        }
    }
}
