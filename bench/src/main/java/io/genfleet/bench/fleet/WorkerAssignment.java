package io.genfleet.bench.fleet;

import java.time.Duration;
import java.util.Collection;
import io.genfleet.worker.inflight.LaneLoops;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Waits until every worker consumer owns all partitions of its topic. A fresh consumer group often starts
 * with only some members (PITFALLS.md): measuring during that late rebalance would measure the rebalance.
 */
final class WorkerAssignment {

    private WorkerAssignment() {
    }

    static void await(ApplicationContext context, Duration timeout) {
        int partitions = context.getEnvironment().getRequiredProperty("genfleet.topics.partitions", Integer.class);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!fullyAssigned(context, partitions)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("worker consumers did not get all " + partitions
                        + " partitions of their topics within " + timeout);
            }
            Pause.briefly(Duration.ofMillis(100));
        }
    }

    private static boolean fullyAssigned(ApplicationContext context, int partitions) {
        boolean containers = context.getBeansOfType(KafkaListenerEndpointRegistry.class).values().stream()
                .flatMap(registry -> registry.getListenerContainers().stream())
                .allMatch(container -> assigned(container) == partitions);
        boolean loops = context.getBeansOfType(LaneLoops.class).values().stream()
                .filter(LaneLoops::isRunning)
                .allMatch(lanes -> lanes.assignedPartitions().values().stream().allMatch(n -> n == partitions));
        return containers && loops;
    }

    private static int assigned(MessageListenerContainer container) {
        Collection<TopicPartition> assigned = container.getAssignedPartitions();
        return assigned == null ? 0 : assigned.size();
    }
}
