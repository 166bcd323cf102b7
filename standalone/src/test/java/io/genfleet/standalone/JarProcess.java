package io.genfleet.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A packaged jar run as a user runs it, in its own JVM, its output (stdout and stderr) in a file. */
final class JarProcess implements AutoCloseable {

    private final Process process;
    private final Path output;
    private final long startedNanos = System.nanoTime();

    private JarProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** The standalone CLI: {@code java -jar target/genfleet.jar ARGS}. */
    static JarProcess genfleet(Path output, List<String> args) throws IOException {
        return start(Path.of("target", "genfleet.jar"), output, args, Map.of());
    }

    /** Another module's jar, e.g. {@code ../producer/target/genfleet-producer.jar}. */
    static JarProcess start(Path jar, Path output, List<String> args, Map<String, String> environment) throws IOException {
        assertThat(jar).as("the packaged jar (run after package)").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("GENFLEET_API_KEYS");
        builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        builder.environment().putAll(environment);
        return new JarProcess(builder.start(), output);
    }

    /** Waits for the process to exit; returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .as("exited within %s; output so far: %s", timeout, lines()).isTrue();
        return process.exitValue();
    }

    /** Waits until a line of the output equals {@code line}, failing fast when the process exits first. */
    List<String> awaitLine(String line, Duration timeout) {
        return await(line).atMost(timeout).pollInterval(Duration.ofMillis(200))
                .failFast("exited; output: " + output, () -> !process.isAlive())
                .until(this::lines, lines -> lines.contains(line));
    }

    double secondsSinceStart() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    List<String> lines() {
        try {
            return Files.readAllLines(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops it as Ctrl-C does (SIGTERM), then forcibly when it hangs. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
