package io.genfleet.producer.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private final ApiKeys keys = new ApiKeys(List.of("first-key-0123456789", "second-key-0123456789"));

    @Test
    void acceptsEveryConfiguredKey() {
        assertThat(keys.accepts("first-key-0123456789")).isTrue();
        assertThat(keys.accepts("second-key-0123456789")).isTrue();
    }

    @Test
    void refusesAnythingElse() {
        assertThat(keys.accepts("first-key-012345678")).as("a prefix").isFalse();
        assertThat(keys.accepts("first-key-0123456789x")).as("longer").isFalse();
        assertThat(keys.accepts("FIRST-KEY-0123456789")).as("case matters").isFalse();
        assertThat(keys.accepts("")).isFalse();
        assertThat(keys.accepts(null)).isFalse();
    }

    @Test
    void noKeysAcceptNothing() {
        ApiKeys none = new ApiKeys(List.of());

        assertThat(none.isEmpty()).isTrue();
        assertThat(none.accepts("")).isFalse();
        assertThat(none.accepts("anything-at-all-here")).isFalse();
    }
}
