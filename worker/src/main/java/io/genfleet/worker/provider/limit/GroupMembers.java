package io.genfleet.worker.provider.limit;

import io.genfleet.common.item.Lane;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads how many worker processes each limited lane has (the members of its request group, Kafka Admin
 * {@code describeConsumerGroups}) and hands the count to the lane's {@link LaneLimits}: every {@code every}, and
 * soon after each rebalance of this process ({@link #refreshSoon()}, called by the lane's request consumer). The
 * reads run on this class's own thread, never on a consumer's. A failed read keeps the last count.
 */
public final class GroupMembers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupMembers.class);

    private final Admin admin;
    private final Map<Lane, LaneLimits> lanes;
    private final Function<Lane, String> groups;
    private final Duration every;
    private final ScheduledExecutorService reads;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private volatile boolean warned;

    /**
     * @param lanes  the limited lanes this process consumes
     * @param groups the request group of a lane ({@code TopicCatalog.workerGroup})
     */
    public GroupMembers(Admin admin, Map<Lane, LaneLimits> lanes, Function<Lane, String> groups, Duration every) {
        this.admin = admin;
        this.lanes = Map.copyOf(lanes);
        this.groups = groups;
        this.every = every;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "provider-limit-members");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.reads = executor;
    }

    /** Nothing to read: no lane of this process has a fleet-wide limit. */
    public static GroupMembers none() {
        return new GroupMembers(null, Map.of(), lane -> "", Duration.ofSeconds(5));
    }

    public void start() {
        if (lanes.isEmpty()) {
            return;
        }
        reads.scheduleWithFixedDelay(this::refresh, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A rebalance happened here: read again now (repeated calls before the read runs make one read). */
    public void refreshSoon() {
        if (!lanes.isEmpty() && refreshQueued.compareAndSet(false, true)) {
            try {
                reads.execute(() -> {
                    refreshQueued.set(false);
                    refresh();
                });
            } catch (RejectedExecutionException stopping) {
                refreshQueued.set(false);
            }
        }
    }

    /** Reads the counts once and passes them on. */
    void refresh() {
        if (lanes.isEmpty()) {
            return;
        }
        Collection<String> names = lanes.keySet().stream().map(groups).toList();
        try {
            Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(List.copyOf(names)).all()
                    .get(every.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            lanes.forEach((lane, limits) -> {
                ConsumerGroupDescription group = described.get(groups.apply(lane));
                if (group != null) {
                    limits.members(group.members().size());
                }
            });
            warned = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!warned) {
                // Once per outage: the shares stay as they were, which is safe while the fleet does not grow.
                log.warn("Cannot read the worker groups {} (the provider limits keep their last shares): {}", names,
                        e.toString());
                warned = true;
            }
        }
    }

    @Override
    public void close() {
        reads.shutdownNow();
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
