package io.genfleet.worker.provider.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * An HTTP {@code Retry-After} value (RFC 9110 section 10.2.3): either a number of seconds ({@code 120}) or an
 * HTTP-date ({@code Wed, 21 Oct 2026 07:28:00 GMT}). A date in the past means "now"; a value that is neither is
 * ignored (the tier's backoff applies), and so is anything beyond a day, which no provider means seriously.
 */
public final class RetryAfter {

    static final Duration LONGEST = Duration.ofDays(1);

    private RetryAfter() {
    }

    public static Optional<Duration> parse(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim();
        if (text.chars().allMatch(Character::isDigit)) {
            try {
                return bounded(Duration.ofSeconds(Long.parseLong(text)));
            } catch (NumberFormatException | ArithmeticException tooLong) {
                return Optional.empty();
            }
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(clock.instant(), at);
            return bounded(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> bounded(Duration wait) {
        return wait.compareTo(LONGEST) > 0 ? Optional.empty() : Optional.of(wait);
    }
}
