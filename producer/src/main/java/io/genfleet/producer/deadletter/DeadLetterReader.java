package io.genfleet.producer.deadletter;

import io.genfleet.common.item.Lane;
import io.genfleet.common.kafka.CommittedReads;
import io.genfleet.common.status.DeadLetterRef;
import io.genfleet.common.topic.TopicCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads lane dead-letter topics: single records by reference, or whole topics up to their end. */
public final class DeadLetterReader {

    /** Reading forward is cheaper than a seek up to this many records ahead. */
    private static final long SEEK_GAP = 500;

    private final Map<String, Object> consumerConfig;
    private final TopicCatalog catalog;

    public DeadLetterReader(Map<String, Object> consumerConfig, TopicCatalog catalog) {
        this.consumerConfig = CommittedReads.consumerConfig(consumerConfig, "genfleet-replay-dead-letters");
        this.catalog = catalog;
    }

    /**
     * The dead letters at the given references (assigned consumer, one seek per partition and then per gap).
     * A reference whose record no longer exists (retention) or never existed is absent from the answer.
     */
    public Map<DeadLetterRef, DeadLetter> fetch(Collection<DeadLetterRef> refs, Duration timeout) {
        Map<TopicPartition, TreeSet<Long>> wanted = new HashMap<>();
        for (DeadLetterRef ref : refs) {
            if (!isDeadLetterTopic(ref.topic())) {
                throw new IllegalArgumentException(ref.topic() + " is not a lane dead-letter topic");
            }
            wanted.computeIfAbsent(new TopicPartition(ref.topic(), ref.partition()), p -> new TreeSet<>()).add(ref.offset());
        }
        Map<DeadLetterRef, DeadLetter> found = new HashMap<>();
        if (wanted.isEmpty()) {
            return found;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = CommittedReads.consumer(consumerConfig)) {
            for (Map.Entry<TopicPartition, TreeSet<Long>> entry : wanted.entrySet()) {
                readOffsets(consumer, entry.getKey(), entry.getValue(), deadline, found);
            }
        }
        return found;
    }

    /** Whether the topic is one of the lanes' dead-letter topics (of this topic prefix). */
    public boolean isDeadLetterTopic(String topic) {
        return catalog.laneOf(topic).filter(lane -> catalog.deadLetter(lane).equals(topic)).isPresent();
    }

    private void readOffsets(KafkaConsumer<String, byte[]> consumer, TopicPartition partition, TreeSet<Long> offsets,
                             long deadline, Map<DeadLetterRef, DeadLetter> found) {
        consumer.assign(List.of(partition));
        long end = consumer.endOffsets(List.of(partition), remaining(deadline)).get(partition);
        TreeSet<Long> pending = new TreeSet<>(offsets.headSet(end));
        consumer.seek(partition, pending.isEmpty() ? end : pending.first());
        while (!pending.isEmpty()) {
            long position = consumer.position(partition, remaining(deadline));
            pending.headSet(position).clear(); // passed without a record: deleted, or a transaction marker
            if (pending.isEmpty()) {
                break;
            }
            if (pending.first() - position > SEEK_GAP) {
                consumer.seek(partition, pending.first());
            }
            if (System.nanoTime() > deadline) {
                throw new org.apache.kafka.common.errors.TimeoutException("could not read dead letters of "
                        + partition + " in time");
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                if (pending.remove(record.offset())) {
                    DeadLetter letter = DeadLetter.of(record, catalog);
                    found.put(letter.ref(), letter);
                }
            }
        }
    }

    /**
     * Every record of the lanes' dead-letter topics up to their end offsets at the start of the scan, oldest
     * first (by time, then topic, partition and offset).
     */
    public List<DeadLetter> scan(Collection<Lane> lanes, Duration timeout) {
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = CommittedReads.consumer(consumerConfig)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Lane lane : lanes) {
                partitions.addAll(CommittedReads.partitions(consumer, catalog.deadLetter(lane), timeout));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            CommittedReads.readToEnd(consumer, partitions, timeout, record -> letters.add(DeadLetter.of(record, catalog)));
        }
        letters.sort(Comparator.comparing(DeadLetter::at)
                .thenComparing(letter -> letter.ref().topic())
                .thenComparingInt(letter -> letter.ref().partition())
                .thenComparingLong(letter -> letter.ref().offset()));
        return letters;
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }
}
