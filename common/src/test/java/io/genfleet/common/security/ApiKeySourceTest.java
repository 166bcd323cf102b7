package io.genfleet.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeySourceTest {

    private static final String FIXED = "fixed-key-0123456789abc";
    private static final String OLD = "old-key-0123456789abcdef";
    private static final String NEW = "new-key-0123456789abcdef";

    private final MutableClock clock = new MutableClock();

    @TempDir
    Path dir;

    @Test
    void aChangedKeyFileIsReadAgainOnceTheIntervalHasPassed() throws IOException {
        Path file = write(OLD + "=read");
        ApiKeySource source = new ApiKeySource(List.of(FIXED), file, Duration.ofSeconds(2), clock);
        assertThat(source.keys().authenticate(OLD)).isPresent();

        write(NEW + "=read+operate\n");
        assertThat(source.keys().authenticate(NEW)).as("not looked at before the interval").isEmpty();
        clock.advance(Duration.ofSeconds(3));

        assertThat(source.keys().authenticate(NEW)).isPresent();
        assertThat(source.keys().authenticate(OLD)).as("removed from the file").isEmpty();
        assertThat(source.keys().authenticate(FIXED)).as("GENFLEET_API_KEYS stays").isPresent();
    }

    @Test
    void aBrokenFileLeavesTheKeysInForce() throws IOException {
        Path file = write(OLD);
        ApiKeySource source = new ApiKeySource(List.of(), file, Duration.ofSeconds(1), clock);

        write(OLD + "\nshort\n");
        clock.advance(Duration.ofSeconds(2));
        assertThat(source.keys().authenticate(OLD)).isPresent();
        Files.delete(file);
        clock.advance(Duration.ofSeconds(2));
        assertThat(source.keys().authenticate(OLD)).isPresent();
    }

    @Test
    void aFileThatDoesNotExistYetCountsOnceItAppears() throws IOException {
        Path file = dir.resolve("api-keys");
        ApiKeySource source = new ApiKeySource(List.of(), file, Duration.ofSeconds(1), clock);
        assertThat(source.keys().isEmpty()).isTrue();

        write(NEW);
        clock.advance(Duration.ofSeconds(2));

        assertThat(source.keys().authenticate(NEW)).isPresent();
    }

    private Path write(String text) throws IOException {
        Path next = dir.resolve("next");
        Files.writeString(next, text);
        return Files.move(next, dir.resolve("api-keys"), StandardCopyOption.REPLACE_EXISTING);
    }
}
