package io.genfleet.e2e.verify;

import io.genfleet.common.item.Lane;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.topic.TopicCatalog;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What was "in flight" at a fault: provider calls already made for records whose offsets were not yet committed.
 * Those are exactly the calls at-least-once delivery may repeat (the records are delivered again to the partition's
 * next owner), so they bound the duplicates a fault may cost.
 *
 * <p>Captured in two steps: {@link #capture} reads the committed and end offsets of every calling topic right at
 * the fault (cheap); {@link #resolve} later reads the uncommitted records and intersects them with the calls
 * logged up to that moment.
 */
public final class InFlight {

    private static final TopicCatalog CATALOG = TopicCatalog.defaults();

    /** The offsets at the moment of a fault. */
    public record Snapshot(Instant at, Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends) {
    }

    private InFlight() {
    }

    public static Snapshot capture(KafkaProbe probe) {
        Instant at = Instant.now();
        Map<TopicPartition, Long> committed = TopicTail.ofTopics(probe.workerCommitted(), KafkaProbe.callingTopics());
        Map<TopicPartition, Long> ends = probe.endOffsets(KafkaProbe.callingTopics());
        return new Snapshot(at, committed, ends);
    }

    /**
     * The calls of {@code calls} (made by the sources {@code from} up to the snapshot) whose records were past the
     * committed offset at the snapshot.
     */
    public static Set<CallLog.CallKey> resolve(Snapshot snapshot, List<CallLog.Call> calls,
                                               Predicate<String> from, String bootstrapServers) {
        Set<CallLog.CallKey> uncommitted = new HashSet<>();
        try (TopicTail tail = new TopicTail(bootstrapServers)) {
            snapshot.ends().forEach((partition, end) -> {
                long committed = snapshot.committed().getOrDefault(partition, 0L);
                int attempt = CATALOG.attemptOf(partition.topic()).orElseThrow();
                for (ConsumerRecord<byte[], byte[]> record : tail.read(partition, committed, end)) {
                    GenerationRequest request = readable(partition.topic(), record.value());
                    if (request != null) {
                        uncommitted.add(new CallLog.CallKey(request.idempotencyKey(), attempt));
                    }
                }
            });
        }
        Set<CallLog.CallKey> inFlight = new HashSet<>();
        for (CallLog.Call call : calls) {
            if (from.test(call.source()) && !call.at().isAfter(snapshot.at()) && uncommitted.contains(call.key())) {
                inFlight.add(call.key());
            }
        }
        return inFlight;
    }

    private static GenerationRequest readable(String topic, byte[] value) {
        Lane lane = CATALOG.laneOf(topic).orElseThrow();
        try {
            return CATALOG.requests(lane).valueSerde().deserializer().deserialize(topic, value);
        } catch (RuntimeException e) {
            // A poison record (case 6) is never a provider call.
            return null;
        }
    }

    /**
     * The repeated calls that follow from repeated in-flight calls: when a repeated attempt fails again, it is
     * forwarded to the delay topic again, so the next attempt of the same epoch runs twice as well (and so on down
     * the chain). Those repeats are the same fault's price; at-least-once forwarding cannot avoid them without
     * committing the forward and the source offset in one transaction.
     *
     * @return the keys of {@code repeated} that are the next attempt (recursively) of an {@code inFlight} key
     */
    public static Set<CallLog.CallKey> retryChainsOf(Set<CallLog.CallKey> inFlight, Set<CallLog.CallKey> repeated) {
        Set<CallLog.CallKey> chained = new HashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (CallLog.CallKey key : repeated) {
                CallLog.CallKey previous = new CallLog.CallKey(key.idempotencyKey(), key.attempt() - 1);
                if (!inFlight.contains(key) && !chained.contains(key)
                        && (inFlight.contains(previous) || chained.contains(previous))) {
                    grew |= chained.add(key);
                }
            }
        }
        return chained;
    }
}
