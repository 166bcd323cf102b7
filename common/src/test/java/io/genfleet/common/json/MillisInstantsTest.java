package io.genfleet.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;

/** The fast instant spelling must be exactly what the general formatter writes and reads, for every instant. */
class MillisInstantsTest {

    /** Seeded instants across the fast range (years 0000-9999), sub-millisecond parts included. */
    static Stream<Instant> instants() {
        Random random = new Random(20261128);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        Stream<Instant> edges = Stream.of(Instant.EPOCH, Instant.ofEpochSecond(min), Instant.ofEpochSecond(max, 999_999_999),
                Instant.parse("2024-02-29T23:59:59.999Z"), Instant.parse("1969-12-31T23:59:59.001Z"),
                Instant.parse("2026-11-28T05:11:00.100Z"));
        Stream<Instant> seeded = LongStream.range(0, 2_000)
                .mapToObj(i -> Instant.ofEpochSecond(min + (long) (random.nextDouble() * (max - min)),
                        random.nextInt(1_000_000_000)));
        return Stream.concat(edges, seeded);
    }

    @ParameterizedTest
    @MethodSource("instants")
    void writesWhatTheFormatterWritesAndReadsItBack(Instant instant) {
        String expected = Json.INSTANT_FORMAT.format(instant);
        // Expected: the same text as the general formatter, and back to the instant truncated to milliseconds.
        assertThat(MillisInstants.format(instant)).contains(expected);
        assertThat(MillisInstants.parse(expected)).contains(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void leavesYearsOutsideFourDigitsToTheGeneralFormatter() {
        Instant farFuture = Instant.parse("+10000-01-01T00:00:00Z");
        assertThat(MillisInstants.format(farFuture)).isEmpty();
        // Expected: the mapper still writes it, through the general formatter.
        assertThat(Json.writeString(farFuture)).isEqualTo("\"" + Json.INSTANT_FORMAT.format(farFuture) + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29T00:00:00.000Z", "2026-13-01T00:00:00.000Z", "2026-11-28T24:00:00.000Z",
            "2026-11-28T05:60:00.000Z", "2026-11-28T05:11:60.000Z", "2026-11-28T05:11:00.12xZ",
            "2026-11-28 05:11:00.123Z", "2026-11-28T05:11:00.123+", "2026-11-28T05:11:00Z", "-026-11-28T05:11:00.123Z"})
    void leavesEveryOtherSpellingToTheGeneralParser(String text) {
        assertThat(MillisInstants.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2026-11-28T05:11:00Z\"", "\"2026-11-28T05:11:00.123456Z\"",
            "\"2026-11-28T06:11:00.123+01:00\"", "1795842660"})
    void theMapperStillReadsOtherSpellingsOfTheSameInstant(String json) {
        Instant read = Json.mapper().readValue(json, Instant.class);
        assertThat(read.truncatedTo(ChronoUnit.SECONDS)).isEqualTo(Instant.parse("2026-11-28T05:11:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2023-02-29T00:00:00.000Z\"", "\"yesterday\"", "true"})
    void theMapperStillRefusesWhatIsNoInstant(String json) {
        assertThatThrownBy(() -> Json.mapper().readValue(json, Instant.class)).isInstanceOf(JacksonException.class);
    }
}
