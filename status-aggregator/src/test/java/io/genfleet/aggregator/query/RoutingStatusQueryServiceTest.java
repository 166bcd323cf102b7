package io.genfleet.aggregator.query;

import static io.genfleet.aggregator.query.QueryFixtures.item;
import static io.genfleet.aggregator.query.QueryFixtures.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import io.genfleet.aggregator.AggregatorSettings;
import io.genfleet.aggregator.topology.AggregatorStores;
import io.genfleet.common.item.ItemId;
import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ItemState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class RoutingStatusQueryServiceTest {

    private static final String BATCH = "b-7";
    private static final HostInfo SELF = new HostInfo("aggregator-0.aggregator", 8081);
    private static final HostInfo PEER_1 = new HostInfo("aggregator-1.aggregator", 8081);

    private final LocalStatusQueryService local = mock(LocalStatusQueryService.class);
    private final StoreOwners owners = mock(StoreOwners.class);
    private final PeerClient peers = mock(PeerClient.class);
    private final RoutingStatusQueryService routing = service(QueryFixtures.routing("aggregator-0.aggregator:8081",
            Duration.ofSeconds(2)));

    @Test
    void aSingleInstanceReadsItsOwnStoresWithoutMetadataOrHttp() {
        RoutingStatusQueryService standalone = service(AggregatorSettings.defaults());
        BatchSummary summary = summary(BATCH, item(BATCH, "scene_0"));
        given(local.summary(BATCH)).willReturn(Optional.of(summary));
        given(local.items(BATCH)).willReturn(List.of(item(BATCH, "scene_0")));

        assertThat(standalone.summary(BATCH)).contains(summary);
        assertThat(standalone.items(BATCH)).hasSize(1);
        standalone.item(ItemId.of(BATCH, "scene_0"));

        verify(local).item(ItemId.of(BATCH, "scene_0"));
        verifyNoInteractions(owners, peers);
    }

    @Test
    void aKeyThisInstanceOwnsIsReadFromItsPartitionWithoutAHop() {
        BatchSummary summary = summary(BATCH, item(BATCH, "scene_0"));
        given(owners.ofKey(AggregatorStores.BATCHES, BATCH)).willReturn(new KeyOwner(SELF, 4, true));
        given(local.summary(BATCH, 4)).willReturn(Optional.of(summary));

        assertThat(routing.summary(BATCH)).contains(summary);
        verifyNoInteractions(peers);
        verify(local, never()).summary(BATCH);
    }

    @Test
    void aKeyAnotherInstanceOwnsIsAskedFromThatInstanceForThatPartition() {
        ItemId id = ItemId.of(BATCH, "video_scene_2");
        ItemState state = item(BATCH, "video_scene_2");
        given(owners.ofKey(AggregatorStores.ITEMS, id.toString())).willReturn(new KeyOwner(PEER_1, 3, false));
        given(peers.item(PEER_1, id, 3)).willReturn(Optional.of(state));

        assertThat(routing.item(id)).contains(state);
        verify(local, never()).item(any(), anyInt());
        verify(local, never()).item(any());
    }

    @Test
    void anOwnerThatCannotAnswerMakesTheQueryUnavailable() {
        given(owners.ofKey(AggregatorStores.BATCHES, BATCH)).willReturn(new KeyOwner(PEER_1, 0, false));
        given(peers.summary(PEER_1, BATCH, 0)).willThrow(new StatusUnavailableException("no answer", null));

        assertThatThrownBy(() -> routing.summary(BATCH)).isInstanceOf(StatusUnavailableException.class);
    }

    @Test
    void theListingIsReadFromTheOneOwnerOfTheBatchsPartitionInStoryboardOrder() {
        given(owners.ofKey(AggregatorStores.ITEMS, BATCH)).willReturn(new KeyOwner(PEER_1, 4, false));
        given(peers.items(PEER_1, BATCH, set(4))).willReturn(CompletableFuture.completedFuture(List.of(
                item(BATCH, "video_scene_0"), item(BATCH, "scene_0_shot_1"), item(BATCH, "scene_0_shot_0"))));

        List<String> keys = routing.items(BATCH).stream().map(ItemState::itemKey).toList();

        assertThat(keys).containsExactly("scene_0_shot_0", "scene_0_shot_1", "video_scene_0");
        verify(local, never()).items(anyString(), any());
    }

    @Test
    void theListingOfABatchThisInstanceOwnsNeedsNoHop() {
        given(owners.ofKey(AggregatorStores.ITEMS, BATCH)).willReturn(new KeyOwner(SELF, 2, true));
        given(local.items(BATCH, set(2))).willReturn(List.of(item(BATCH, "scene_0")));

        assertThat(routing.items(BATCH)).extracting(ItemState::itemKey).containsExactly("scene_0");
        verifyNoInteractions(peers);
    }

    @Test
    void theListingIsUnavailableWhenTheOwnerFailsOrIsUnknown() {
        given(owners.ofKey(AggregatorStores.ITEMS, BATCH)).willReturn(new KeyOwner(PEER_1, 1, false));
        given(peers.items(PEER_1, BATCH, set(1))).willReturn(CompletableFuture.failedFuture(
                new StatusUnavailableException("the instance aggregator-1.aggregator:8081 did not answer", null)));
        assertThatThrownBy(() -> routing.items(BATCH)).isInstanceOf(StatusUnavailableException.class)
                .hasMessageContaining("aggregator-1");

        given(owners.ofKey(AggregatorStores.ITEMS, BATCH))
                .willThrow(new StatusUnavailableException("no instance holds the key of genfleet-items", null));
        assertThatThrownBy(() -> routing.items(BATCH)).isInstanceOf(StatusUnavailableException.class);
    }

    private RoutingStatusQueryService service(AggregatorSettings settings) {
        return new RoutingStatusQueryService(local, owners, peers, settings);
    }

    private static SortedSet<Integer> set(Integer... partitions) {
        return new TreeSet<>(List.of(partitions));
    }
}
