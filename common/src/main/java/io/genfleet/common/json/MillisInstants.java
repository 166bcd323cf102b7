package io.genfleet.common.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Writes and reads the one spelling genfleet uses for instants, {@code 2026-11-28T05:11:00.123Z} (UTC, exactly three
 * fraction digits), without {@link java.time.format.DateTimeFormatter}: the status aggregator reads and writes
 * several instants per status event, and the formatter's general parser was about 15% of its stream thread's CPU in
 * a profile of the W1 benchmark. Anything else (another spelling, a year outside 0000-9999) is left to the general
 * code by returning empty or by the caller's fallback.
 */
final class MillisInstants {

    /** {@code yyyy-MM-ddTHH:mm:ss.SSSZ}. */
    static final int LENGTH = 24;

    private static final long MIN_FAST = LocalDate.of(0, 1, 1).toEpochDay() * 86_400L;
    private static final long MAX_FAST = LocalDate.of(9999, 12, 31).toEpochDay() * 86_400L + 86_399L;

    private MillisInstants() {
    }

    /** The instant truncated to milliseconds, spelled as above; empty for a year outside 0000-9999. */
    static Optional<String> format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < MIN_FAST || seconds > MAX_FAST) {
            return Optional.empty();
        }
        long day = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(day);
        char[] out = new char[LENGTH];
        digits(out, 0, date.getYear(), 4);
        out[4] = '-';
        digits(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        out[19] = '.';
        digits(out, 20, instant.getNano() / 1_000_000, 3);
        out[23] = 'Z';
        return Optional.of(new String(out));
    }

    /** The instant, when {@code text} is spelled exactly as above and is a valid date and time; otherwise empty. */
    static Optional<Instant> parse(String text) {
        if (text.length() != LENGTH || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.'
                || text.charAt(23) != 'Z') {
            return Optional.empty();
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        int millis = number(text, 20, 3);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59 || millis < 0) {
            return Optional.empty();
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException invalidDate) {
            return Optional.empty();
        }
        long seconds = epochDay * 86_400L + hour * 3600L + minute * 60L + second;
        return Optional.of(Instant.ofEpochSecond(seconds, millis * 1_000_000L));
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            out[at + i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The decimal number of {@code width} digits at {@code at}, or -1 when one of them is not a digit. */
    private static int number(String text, int at, int width) {
        int value = 0;
        for (int i = at; i < at + width; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
