package io.genfleet.e2e.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genfleet.common.json.InvalidMessageException;
import io.genfleet.common.json.JsonSerde;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.StatusEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each poison record of the battery is refused by the contract's own readers, for the reason it is named after. */
class PoisonTest {

    private static final JsonSerde<GenerationRequest> REQUESTS =
            new JsonSerde<>(GenerationRequest.class, GenerationRequest.SCHEMA_VERSION);
    private static final JsonSerde<StatusEvent> EVENTS = new JsonSerde<>(StatusEvent.class, StatusEvent.SCHEMA_VERSION);

    private static String reason(Poison poison) {
        return switch (poison) {
            case INVALID_JSON -> "invalid";
            case UNKNOWN_SCHEMA_VERSION -> "schemaVersion 99";
            case WRONG_TYPES -> "invalid";
            case OVER_SIZE_LIMIT -> "exceeds the limit";
        };
    }

    @Test
    void withoutPoisonTheSameRecordsAreRead() {
        assertThat(REQUESTS.read(Poison.validRequest("e2e-poison", "scene_0")).itemKey()).isEqualTo("scene_0");
        assertThat(EVENTS.read(Poison.validStatusEvent("e2e-poison", "scene_0")).attempt()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Poison.class)
    void everyPoisonRequestIsRefusedForItsReason(Poison poison) {
        assertThatThrownBy(() -> REQUESTS.read(poison.request("e2e-poison", "scene_0")))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining(reason(poison));
    }

    @ParameterizedTest
    @EnumSource(Poison.class)
    void everyPoisonStatusEventIsRefusedForItsReason(Poison poison) {
        assertThatThrownBy(() -> EVENTS.read(poison.statusEvent("e2e-poison", "scene_0")))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining(reason(poison));
    }
}
