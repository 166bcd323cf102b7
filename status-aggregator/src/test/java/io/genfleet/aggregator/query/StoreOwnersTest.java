package io.genfleet.aggregator.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.genfleet.aggregator.streams.AggregatorStreams;
import io.genfleet.aggregator.topology.AggregatorStores;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StoreOwnersTest {

    private static final HostInfo SELF = new HostInfo("10.0.0.1", 8081);
    private static final HostInfo PEER = new HostInfo("10.0.0.2", 8081);

    private final AggregatorStreams streams = mock(AggregatorStreams.class);
    private final StoreOwners owners = new StoreOwners(streams, QueryFixtures.routing("10.0.0.1:8081", Duration.ofSeconds(2)));

    @ParameterizedTest
    @EnumSource(value = KafkaStreams.State.class, names = "RUNNING", mode = EnumSource.Mode.EXCLUDE)
    void metadataIsNotTrustedUnlessThisInstanceIsRunning(KafkaStreams.State state) {
        given(streams.state()).willReturn(state);

        assertThatThrownBy(() -> owners.ofKey(AggregatorStores.BATCHES, "b-1"))
                .isInstanceOf(StatusUnavailableException.class).hasMessageContaining(state.name());
        verify(streams, never()).keyMetadata(anyString(), anyString());
    }

    @Test
    void theOwnerIsLocalOnlyWhenItIsThisInstancesApplicationServer() {
        given(streams.state()).willReturn(KafkaStreams.State.RUNNING);
        given(streams.keyMetadata(AggregatorStores.BATCHES, "mine")).willReturn(new KeyQueryMetadata(SELF, Set.of(PEER), 2));
        given(streams.keyMetadata(AggregatorStores.BATCHES, "theirs")).willReturn(new KeyQueryMetadata(PEER, Set.of(SELF), 5));

        assertThat(owners.ofKey(AggregatorStores.BATCHES, "mine")).isEqualTo(new KeyOwner(SELF, 2, true));
        assertThat(owners.ofKey(AggregatorStores.BATCHES, "theirs")).isEqualTo(new KeyOwner(PEER, 5, false));
    }

    @Test
    void aKeyWithoutAKnownActiveHostIsUnavailableEvenWithAStandby() {
        given(streams.state()).willReturn(KafkaStreams.State.RUNNING);
        given(streams.keyMetadata(AggregatorStores.ITEMS, "b-1/scene_0")).willReturn(KeyQueryMetadata.NOT_AVAILABLE);
        given(streams.keyMetadata(AggregatorStores.ITEMS, "b-1/scene_1"))
                .willReturn(new KeyQueryMetadata(HostInfo.unavailable(), Set.of(SELF), 1));

        assertThatThrownBy(() -> owners.ofKey(AggregatorStores.ITEMS, "b-1/scene_0"))
                .isInstanceOf(StatusUnavailableException.class);
        assertThatThrownBy(() -> owners.ofKey(AggregatorStores.ITEMS, "b-1/scene_1"))
                .isInstanceOf(StatusUnavailableException.class);
    }

    @Test
    void streamsShuttingDownDuringTheLookupIsUnavailable() {
        given(streams.state()).willReturn(KafkaStreams.State.RUNNING, KafkaStreams.State.PENDING_SHUTDOWN);
        given(streams.keyMetadata(AggregatorStores.BATCHES, "b-1"))
                .willThrow(new IllegalStateException("KafkaStreams is not running. State is PENDING_SHUTDOWN."));

        assertThatThrownBy(() -> owners.ofKey(AggregatorStores.BATCHES, "b-1"))
                .isInstanceOf(StatusUnavailableException.class).hasMessageContaining("PENDING_SHUTDOWN");
    }
}
