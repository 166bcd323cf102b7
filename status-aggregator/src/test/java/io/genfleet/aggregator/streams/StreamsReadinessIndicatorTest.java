package io.genfleet.aggregator.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class StreamsReadinessIndicatorTest {

    @ParameterizedTest
    @EnumSource(value = KafkaStreams.State.class, names = "RUNNING", mode = EnumSource.Mode.EXCLUDE)
    void isDownUnlessStreamsIsRunning(KafkaStreams.State state) {
        AggregatorStreams streams = mock(AggregatorStreams.class);
        given(streams.state()).willReturn(state);

        Health health = new StreamsReadinessIndicator(streams).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("state", state.name());
    }

    @Test
    void isUpWhenStreamsIsRunningAndCaughtUp() {
        AggregatorStreams streams = mock(AggregatorStreams.class);
        given(streams.state()).willReturn(KafkaStreams.State.RUNNING);
        given(streams.answersQueries()).willReturn(true);

        assertThat(new StreamsReadinessIndicator(streams).health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void isDownWhileRunningButCatchingUp() {
        AggregatorStreams streams = mock(AggregatorStreams.class);
        given(streams.state()).willReturn(KafkaStreams.State.RUNNING);
        given(streams.answersQueries()).willReturn(false);

        Health health = new StreamsReadinessIndicator(streams).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("state", "RUNNING").containsEntry("catchingUp", true);
    }
}
