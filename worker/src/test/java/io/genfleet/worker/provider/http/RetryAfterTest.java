package io.genfleet.worker.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

    /** Wed, 02 Dec 2026 18:00:00 GMT. */
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T18:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "\"{0}\" is {1} s")
    @CsvSource(delimiter = '|', value = {
            "3|3",
            " 120 |120",
            "0|0",
            "Wed, 02 Dec 2026 18:00:07 GMT|7",
            "Wed, 02 Dec 2026 17:59:00 GMT|0"})
    void secondsAndHttpDatesAreRead(String value, long seconds) {
        assertThat(RetryAfter.parse(value, clock)).contains(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "\"{0}\" is ignored")
    @ValueSource(strings = {"", "soon", "-5", "1.5", "99999999999999999999", "172800"})
    void nonsenseAndMoreThanADayAreIgnored(String value) {
        assertThat(RetryAfter.parse(value, clock)).isEmpty();
    }
}
