package io.genfleet.producer.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.Lane;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.DeadLetterRef;
import io.genfleet.common.status.ErrorType;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeadLetterFilterTest {

    private static final Instant AT = Instant.parse("2025-05-01T10:00:00Z");
    private static final DeadLetter IMAGE_TRANSIENT = letter("b-1", "scene_0", Lane.IMAGE, ErrorType.TRANSIENT);

    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of("no criteria", DeadLetterFilter.any(), true),
                Arguments.of("its lane", filter(Set.of(Lane.IMAGE), null, null, null, null), true),
                Arguments.of("the other lane", filter(Set.of(Lane.VIDEO), null, null, null, null), false),
                Arguments.of("its batch", filter(Set.of(), "b-1", null, null, null), true),
                Arguments.of("another batch", filter(Set.of(), "b-10", null, null, null), false),
                Arguments.of("its error type", filter(Set.of(), null, ErrorType.TRANSIENT, null, null), true),
                Arguments.of("another error type", filter(Set.of(), null, ErrorType.PERMANENT, null, null), false),
                Arguments.of("since its time (inclusive)", filter(Set.of(), null, null, AT, null), true),
                Arguments.of("since after it", filter(Set.of(), null, null, AT.plusMillis(1), null), false),
                Arguments.of("until after it", filter(Set.of(), null, null, null, AT.plusMillis(1)), true),
                Arguments.of("until its time (exclusive)", filter(Set.of(), null, null, null, AT), false),
                Arguments.of("all matching", filter(Set.of(Lane.IMAGE), "b-1", ErrorType.TRANSIENT,
                        AT.minusSeconds(60), AT.plusSeconds(60)), true),
                Arguments.of("all but one matching", filter(Set.of(Lane.IMAGE), "b-1", ErrorType.TIMEOUT,
                        AT.minusSeconds(60), AT.plusSeconds(60)), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void aDeadLetterMatchesWhenEveryGivenCriterionHolds(String name, DeadLetterFilter filter, boolean matches) {
        assertThat(filter.matches(IMAGE_TRANSIENT)).isEqualTo(matches);
    }

    @Test
    void anUnreadableDeadLetterStillMatchesByTheBatchOfItsKey() {
        DeadLetter unreadable = new DeadLetter(new DeadLetterRef("genfleet.image.requests-dlt", 0, 3), Lane.IMAGE,
                "b-1/scene_3", null, "invalid JSON", null, ErrorType.INVALID_MESSAGE, "bad", AT);

        assertThat(filter(Set.of(), "b-1", ErrorType.INVALID_MESSAGE, null, null).matches(unreadable)).isTrue();
        assertThat(unreadable.itemKey()).isEqualTo("scene_3");
    }

    @Test
    void anEmptyTimeWindowIsRefused() {
        assertThatThrownBy(() -> filter(Set.of(), null, null, AT, AT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--since");
    }

    private static DeadLetterFilter filter(Set<Lane> lanes, String batch, ErrorType type, Instant since, Instant until) {
        return new DeadLetterFilter(lanes, batch, type, since, until);
    }

    private static DeadLetter letter(String batch, String item, Lane lane, ErrorType type) {
        GenerationRequest request = GenerationRequest.first(ItemId.of(batch, item), "p", null, AT);
        return new DeadLetter(new DeadLetterRef("genfleet." + lane + ".requests-dlt", 0, 1), lane, batch + "/" + item,
                request, null, 4, type, "simulated", AT);
    }
}
