package io.genfleet.aggregator.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CatchUpGateTest {

    private static final TopicPartition STATUS_0 = new TopicPartition("genfleet.status", 0);
    private static final TopicPartition REPARTITION_0 = new TopicPartition("items-by-batch-repartition", 0);

    /** Offsets the test moves by hand. */
    private static final class FakeOffsets implements CatchUpGate.Offsets {
        final Map<TopicPartition, Long> ends = new ConcurrentHashMap<>();
        final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();
        final AtomicInteger endsRead = new AtomicInteger();
        volatile boolean failing;

        @Override
        public synchronized Map<TopicPartition, Long> ends(Set<TopicPartition> partitions) {
            if (failing) {
                throw new IllegalStateException("broker unavailable");
            }
            Map<TopicPartition, Long> selected = new HashMap<>();
            partitions.forEach(partition -> selected.put(partition, ends.getOrDefault(partition, 0L)));
            endsRead.incrementAndGet();
            return selected;
        }

        @Override
        public synchronized Map<TopicPartition, Long> committed() {
            return new HashMap<>(committed);
        }

        synchronized void commit(TopicPartition partition, long offset) {
            committed.put(partition, offset);
        }

        @Override
        public void close() {
        }
    }

    private final FakeOffsets offsets = new FakeOffsets();
    private final CatchUpGate gate = new CatchUpGate(offsets, Duration.ofMillis(10));

    @AfterEach
    void close() {
        gate.close();
    }

    private void running() {
        gate.stateChanged(KafkaStreams.State.RUNNING, () -> Set.of(STATUS_0, REPARTITION_0));
    }

    @Test
    void staysClosedUntilEveryInputPartitionIsCommittedUpToItsEndAtRunning() {
        offsets.ends.put(STATUS_0, 100L);
        offsets.ends.put(REPARTITION_0, 40L);
        offsets.commit(STATUS_0, 60L);
        running();
        await().alias("the gate read the ends").atMost(Duration.ofSeconds(5)).until(() -> offsets.endsRead.get() > 0);
        // Input written after RUNNING does not move the target: the gate waits for what existed then.
        offsets.ends.put(STATUS_0, 500L);
        offsets.commit(STATUS_0, 100L);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !gate.isOpen());

        offsets.commit(REPARTITION_0, 40L);

        await().alias("gate open once both partitions are committed up to their ends")
                .atMost(Duration.ofSeconds(5)).until(gate::isOpen);
    }

    @Test
    void closesAgainOnARebalanceAndOpensOnlyAfterCatchingUpAgain() {
        running();
        await().alias("nothing to catch up with").atMost(Duration.ofSeconds(5)).until(gate::isOpen);

        gate.stateChanged(KafkaStreams.State.REBALANCING, Set::of);
        assertThat(gate.isOpen()).as("open while rebalancing").isFalse();

        offsets.ends.put(STATUS_0, 10L);
        running();
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !gate.isOpen());
        offsets.commit(STATUS_0, 10L);
        await().alias("open after catching up again").atMost(Duration.ofSeconds(5)).until(gate::isOpen);
    }

    @Test
    void keepsTryingWhileTheBrokerCannotSayWhereTheInputEnds() {
        offsets.failing = true;
        running();
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !gate.isOpen());

        offsets.failing = false;

        await().alias("open once the end offsets are known").atMost(Duration.ofSeconds(5)).until(gate::isOpen);
    }
}
