package io.genfleet.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * A JDK Flight Recorder recording (the JDK's "profile" settings: method samples every 10-20 ms, allocations,
 * locks) of exactly one measured run, so start-up and warm-up do not dilute it. Read it with
 * {@code jfr print --events jdk.ExecutionSample} or JDK Mission Control.
 */
final class Profile implements AutoCloseable {

    private final Recording recording;
    private final Path file;

    private Profile(Recording recording, Path file) {
        this.recording = recording;
        this.file = file;
    }

    /** A running recording, or a no-op when {@code dir} is null. */
    static Profile start(Path dir, String runId) {
        if (dir == null) {
            return new Profile(null, null);
        }
        try {
            Files.createDirectories(dir);
            Recording recording = new Recording(Configuration.getConfiguration("profile"));
            recording.setName("genfleet-bench-" + runId);
            recording.start();
            return new Profile(recording, dir.resolve(runId + ".jfr"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a JFR recording in " + dir, e);
        } catch (ParseException e) {
            throw new IllegalStateException("the JDK's JFR profile settings are unreadable", e);
        }
    }

    @Override
    public void close() {
        if (recording == null) {
            return;
        }
        try {
            recording.stop();
            recording.dump(file);
            System.err.println("[bench] JFR profile of the run: " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } finally {
            recording.close();
        }
    }
}
