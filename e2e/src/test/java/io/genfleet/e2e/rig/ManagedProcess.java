package io.genfleet.e2e.rig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * One child JVM of the battery, restartable: each start is a new incarnation (0, 1, ...) whose command may differ
 * (e.g. its own call log), all writing to one log file. Signals go to the process by its pid, never by name.
 */
public final class ManagedProcess {

    private final String name;
    private final IntFunction<List<String>> command;
    private final Path log;
    private final Map<String, String> environment;
    private Process process;
    private int incarnation = -1;

    ManagedProcess(String name, IntFunction<List<String>> command, Path log) {
        this(name, command, log, Map.of());
    }

    /** @param environment variables added to the inherited environment (e.g. the producer's API keys) */
    ManagedProcess(String name, IntFunction<List<String>> command, Path log, Map<String, String> environment) {
        this.name = name;
        this.command = command;
        this.log = log;
        this.environment = Map.copyOf(environment);
    }

    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running as pid " + process.pid());
        }
        incarnation++;
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "---- " + name + " incarnation " + incarnation + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command.apply(incarnation))
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    /** 0 for the first start, +1 per restart. */
    public synchronized int incarnation() {
        return incarnation;
    }

    public synchronized long pid() {
        return process.pid();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** Sends {@code kill -SIGNAL pid}. */
    public void signal(Signal signal) {
        long pid = pid();
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal.name(), Long.toString(pid))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " (" + name + ") failed: "
                        + new String(kill.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The exit code, or -1 when the process is still alive after {@code timeout}. */
    public int awaitExit(Duration timeout) {
        Process current;
        synchronized (this) {
            current = process;
        }
        try {
            return current.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? current.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** For clean-up: thaw, ask politely, then kill. */
    public void stop() {
        if (!isAlive()) {
            return;
        }
        signal(Signal.CONT);
        signal(Signal.TERM);
        if (awaitExit(Duration.ofSeconds(30)) < 0) {
            signal(Signal.KILL);
            awaitExit(Duration.ofSeconds(10));
        }
    }

    /** Last resort from a shutdown hook: no waiting. */
    synchronized void destroyForcibly() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
