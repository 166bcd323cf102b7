package io.genfleet.common.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys in force: those of {@code GENFLEET_API_KEYS} plus those of the key file ({@code GENFLEET_API_KEYS_FILE}),
 * if one is set. The file is looked at again at most once per {@code checkInterval}, on the next request, and
 * re-read when its modification time or size changed: rotating a key is writing the file (or updating the mounted
 * Kubernetes Secret), no restart.
 *
 * <p>A file that is missing at start-up holds no keys until it appears (an optional Kubernetes Secret volume
 * before the Secret exists); a file that cannot be parsed at start-up fails the start-up. Later, a broken or
 * vanished file leaves the keys in force as they were, and the problem is logged once per change, so a half-written
 * file never locks everyone out.
 */
public final class ApiKeySource {

    private static final Logger log = LoggerFactory.getLogger(ApiKeySource.class);
    static final String ENV_SOURCE = "genfleet.api-keys (GENFLEET_API_KEYS)";

    private record FileStamp(FileTime modified, long size) {
    }

    private final List<ApiKeyEntries.Entry> fromSettings;
    private final Path file;
    private final Duration checkInterval;
    private final Clock clock;
    private volatile ApiKeys current;
    private FileStamp stamp;
    private Instant nextCheck;

    /**
     * @param entries       the entries of {@code GENFLEET_API_KEYS}
     * @param file          the key file, or {@code null}
     * @param checkInterval how often the file may be looked at
     * @throws IllegalArgumentException when an entry or the file is invalid
     */
    public ApiKeySource(List<String> entries, Path file, Duration checkInterval, Clock clock) {
        this.fromSettings = ApiKeyEntries.parse(ENV_SOURCE, entries);
        this.file = file;
        this.checkInterval = Objects.requireNonNull(checkInterval);
        this.clock = clock;
        if (file != null) {
            FileStamp first = stampOf(file);
            if (first == null) {
                log.warn("The API key file {} (GENFLEET_API_KEYS_FILE) does not exist (yet); its keys count once it "
                        + "appears", file);
                this.current = combine(List.of());
            } else {
                this.current = combine(read(file));
            }
            this.stamp = first;
        } else {
            this.current = combine(List.of());
        }
        this.nextCheck = clock.instant().plus(checkInterval);
    }

    /** Fixed keys (tests, tools). */
    public static ApiKeySource of(List<String> entries) {
        return new ApiKeySource(entries, null, Duration.ofSeconds(1), Clock.systemUTC());
    }

    /** The keys in force now; re-reads the key file first when it is due and changed. */
    public ApiKeys keys() {
        if (file != null) {
            refreshIfDue();
        }
        return current;
    }

    /** Whether any key can ever be configured here without a restart (a key file is watched). */
    public boolean watchesFile() {
        return file != null;
    }

    private synchronized void refreshIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextCheck)) {
            return;
        }
        nextCheck = now.plus(checkInterval);
        FileStamp seen = stampOf(file);
        if (seen == null || seen.equals(stamp)) {
            if (seen == null && stamp != null) {
                log.error("The API key file {} cannot be read; the {} key(s) read before stay in force", file,
                        current.size());
                stamp = null;
            }
            return;
        }
        stamp = seen;
        try {
            ApiKeys next = combine(read(file));
            log.info("API key file {} changed: {} key(s) in force now (were {})", file, next.size(), current.size());
            current = next;
        } catch (IllegalArgumentException e) {
            log.error("API key file {} changed but is not valid ({}); the {} key(s) read before stay in force", file,
                    e.getMessage(), current.size());
        }
    }

    private ApiKeys combine(List<ApiKeyEntries.Entry> fromFile) {
        List<ApiKeyEntries.Entry> all = new ArrayList<>(fromSettings);
        all.addAll(fromFile);
        return new ApiKeys(all);
    }

    private static List<ApiKeyEntries.Entry> read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return ApiKeyEntries.parse("API key file " + file.getFileName(), ApiKeyEntries.split(text));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static FileStamp stampOf(Path file) {
        try {
            // Follows links: a Kubernetes Secret volume swaps a symbolic link on update.
            return new FileStamp(Files.getLastModifiedTime(file), Files.size(file));
        } catch (IOException e) {
            return null;
        }
    }
}
