package io.genfleet.aggregator.query;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.genfleet.aggregator.streams.AggregatorStreams;
import io.genfleet.common.item.ItemId;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LocalStatusQueryServiceTest {

    private final AggregatorStreams streams = mock(AggregatorStreams.class);
    private final LocalStatusQueryService service = new LocalStatusQueryService(streams);

    @ParameterizedTest
    @EnumSource(value = KafkaStreams.State.class, names = "RUNNING", mode = EnumSource.Mode.EXCLUDE)
    void refusesToAnswerUnlessRunningInsteadOfReportingEmptyStores(KafkaStreams.State state) {
        given(streams.state()).willReturn(state);

        assertThatThrownBy(() -> service.summary("b-1")).isInstanceOf(StatusUnavailableException.class)
                .hasMessageContaining(state.name());
        assertThatThrownBy(() -> service.items("b-1")).isInstanceOf(StatusUnavailableException.class);
        assertThatThrownBy(() -> service.item(ItemId.of("b-1", "scene_0")))
                .isInstanceOf(StatusUnavailableException.class);
        verify(streams, never()).store(any());
    }

    @Test
    void refusesToAnswerWhileCatchingUpAfterARestartInsteadOfReportingStaleCounts() {
        given(streams.state()).willReturn(KafkaStreams.State.RUNNING);
        given(streams.answersQueries()).willReturn(false);

        assertThatThrownBy(() -> service.summary("b-1")).isInstanceOf(StatusUnavailableException.class)
                .hasMessageContaining("catching up");
        verify(streams, never()).store(any());
    }

    @Test
    void storeMigratingDuringTheReadIsUnavailableNotAnError() {
        given(streams.state()).willReturn(KafkaStreams.State.RUNNING);
        given(streams.answersQueries()).willReturn(true);
        given(streams.store(any())).willThrow(new InvalidStateStoreException("store migrated"));

        assertThatThrownBy(() -> service.summary("b-1")).isInstanceOf(StatusUnavailableException.class)
                .hasCauseInstanceOf(InvalidStateStoreException.class);
    }
}
