package io.genfleet.common.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProviderParamsTest {

    @Test
    void scalarsUnderTheLimitsAreValidAndKeepTheirOrder() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("size", "1024x1024");
        params.put("duration", 5);
        params.put("guidance.scale", 7.5);
        params.put("loop", true);
        assertThat(ProviderParams.problems(params)).isEmpty();
        assertThat(ProviderParams.copyOf(params).keySet()).containsExactly("size", "duration", "guidance.scale", "loop");
    }

    @Test
    void noParamsAndAnEmptyObjectAreBothNull() {
        assertThat(ProviderParams.copyOf(null)).isNull();
        assertThat(ProviderParams.copyOf(Map.of())).isNull();
    }

    static Stream<Arguments> invalid() {
        Map<String, Object> tooMany = new LinkedHashMap<>();
        IntStream.range(0, ProviderParams.MAX_KEYS + 1).forEach(i -> tooMany.put("k" + i, i));
        Map<String, Object> tooBig = new LinkedHashMap<>();
        IntStream.range(0, 5).forEach(i -> tooBig.put("k" + i, "x".repeat(1000)));
        Map<String, Object> nullValue = new LinkedHashMap<>();
        nullValue.put("seed", null);
        return Stream.of(
                Arguments.of(tooMany, null, "at most 32 keys"),
                Arguments.of(tooBig, null, "at most 4096 bytes"),
                Arguments.of(Map.of("bad key", 1), "bad key", "[A-Za-z0-9_.-]{1,64}"),
                Arguments.of(Map.of("k".repeat(65), 1), "k".repeat(65), "[A-Za-z0-9_.-]{1,64}"),
                Arguments.of(Map.of("nested", Map.of("a", 1)), "nested", "was an object"),
                Arguments.of(Map.of("list", List.of(1, 2)), "list", "was an array"),
                Arguments.of(nullValue, "seed", "was null"),
                Arguments.of(Map.of("cfg", Double.POSITIVE_INFINITY), "cfg", "finite"),
                Arguments.of(Map.of("style", "x".repeat(1025)), "style", "at most 1024 characters"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void eachBrokenRuleIsNamed(Map<String, Object> params, String key, String message) {
        assertThat(ProviderParams.problems(params)).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo(key);
            assertThat(problem.message()).contains(message);
        });
        assertThatThrownBy(() -> ProviderParams.copyOf(params)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
