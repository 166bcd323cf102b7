package io.genfleet.standalone.cli;

import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;
import picocli.CommandLine.ITypeConverter;

/** Reads durations the way Spring properties do: {@code 2s}, {@code 500ms}, {@code PT2S}. */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return DurationStyle.detectAndParse(value.trim());
    }
}
