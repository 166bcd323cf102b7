package io.genfleet.aggregator.query;

import io.genfleet.aggregator.AggregatorSettings;
import io.genfleet.aggregator.topology.AggregatorStores;
import io.genfleet.common.item.ItemId;
import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ItemState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Service;

/**
 * The query service of the HTTP API: answers the same on every instance.
 * <ul>
 *   <li>A single instance ({@code application-server} empty, e.g. standalone) reads its own stores, exactly as
 *       {@link LocalStatusQueryService} — no metadata lookup, no HTTP hop.</li>
 *   <li>With several instances, a summary or an item is read where its key's partition is active: locally
 *       when that is this instance, else over HTTP from the owner ({@link PeerClient}).</li>
 *   <li>A batch's items all live in its batch id's partition (the status topic is partitioned by batch id, see
 *       {@code StatusPartitioning}), so the listing asks that partition's owner alone — the whole list or a
 *       503, never a partial one.</li>
 * </ul>
 * Standby replicas are never read: they trail the active copy, and a client whose polls land on different
 * instances could see counts go backwards. They make the fail-over fast instead (see README).
 */
@Primary
@Service("aggregatorStatusQueryService")
public class RoutingStatusQueryService implements StatusQueryService {

    private final LocalStatusQueryService local;
    private final StoreOwners owners;
    private final PeerClient peers;
    private final boolean routing;
    private final Duration forwardTimeout;

    RoutingStatusQueryService(LocalStatusQueryService local, StoreOwners owners, PeerClient peers,
                              AggregatorSettings settings) {
        this.local = local;
        this.owners = owners;
        this.peers = peers;
        this.routing = settings.routesQueries();
        this.forwardTimeout = settings.forwardTimeout();
    }

    @Override
    public Optional<BatchSummary> summary(String batchId) {
        if (!routing) {
            return local.summary(batchId);
        }
        KeyOwner owner = owners.ofKey(AggregatorStores.BATCHES, batchId);
        return owner.local() ? local.summary(batchId, owner.partition())
                : peers.summary(owner.host(), batchId, owner.partition());
    }

    @Override
    public Optional<ItemState> item(ItemId id) {
        if (!routing) {
            return local.item(id);
        }
        KeyOwner owner = owners.ofKey(AggregatorStores.ITEMS, id.toString());
        return owner.local() ? local.item(id, owner.partition()) : peers.item(owner.host(), id, owner.partition());
    }

    @Override
    public List<ItemState> items(String batchId) {
        if (!routing) {
            return local.items(batchId);
        }
        // A batch's items all live in its batch id's partition (the status topic is partitioned by batch).
        KeyOwner owner = owners.ofKey(AggregatorStores.ITEMS, batchId);
        SortedSet<Integer> partition = new TreeSet<>(Set.of(owner.partition()));
        List<ItemState> items = new ArrayList<>(owner.local() ? local.items(batchId, partition)
                : await(peers.items(owner.host(), batchId, partition)));
        items.sort(LocalStatusQueryService.STORYBOARD_ORDER);
        return items;
    }

    private List<ItemState> await(CompletableFuture<List<ItemState>> answer) {
        try {
            // Each request has its own timeout (connect, then answer); this only bounds the two together.
            return answer.get(2 * forwardTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new StatusUnavailableException("an instance did not answer", e.getCause());
        } catch (TimeoutException e) {
            throw new StatusUnavailableException("an instance did not answer within "
                    + forwardTimeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StatusUnavailableException("interrupted while waiting for the other instances", e);
        }
    }
}
