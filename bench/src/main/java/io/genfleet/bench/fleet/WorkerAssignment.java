package io.genfleet.bench.fleet;

import java.time.Duration;
import io.genfleet.worker.inflight.LaneLoops;
import org.springframework.context.ApplicationContext;

/**
 * Waits until every worker consumer owns all partitions of its topic. A fresh consumer group often starts
 * with only some members (PITFALLS.md): measuring during that late rebalance would measure the rebalance.
 */
final class WorkerAssignment {

    private WorkerAssignment() {
    }

    static void await(ApplicationContext context, Duration timeout) {
        int partitions = context.getEnvironment().getRequiredProperty("genfleet.topics.partitions", Integer.class);
        Pause.until(() -> fullyAssigned(context, partitions), timeout, Duration.ofMillis(100),
                () -> "worker consumers did not get all " + partitions + " partitions of their topics within " + timeout);
    }

    private static boolean fullyAssigned(ApplicationContext context, int partitions) {
        return context.getBeansOfType(LaneLoops.class).values().stream()
                .filter(LaneLoops::isRunning)
                .allMatch(lanes -> lanes.assignedPartitions().values().stream().allMatch(n -> n == partitions));
    }
}
