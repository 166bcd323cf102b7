package io.genfleet.bench.baseline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Kafka tool's {@code main} in a child JVM on this program's classpath: the tool's client then has
 * its own process, as when an operator runs {@code kafka-producer-perf-test.sh}.
 */
final class ToolProcess {

    private static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

    private ToolProcess() {
    }

    /** Runs the tool to its end and returns its output lines (stdout and stderr). */
    static List<String> run(String mainClass, List<String> args, long timeoutSeconds) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.addAll(classpathAndMain(mainClass));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(mainClass + " did not finish within " + timeoutSeconds + " s");
            }
            List<String> lines = new String(output, StandardCharsets.UTF_8).lines().toList();
            if (process.exitValue() != 0) {
                throw new IllegalStateException(mainClass + " exited with " + process.exitValue() + ":\n"
                        + String.join("\n", lines));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + mainClass, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * From the repackaged {@code genfleet-bench.jar}, Spring Boot's launcher loads the nested jars; from a
     * plain classpath (IDE, Maven), the classpath is used as it is.
     */
    private static List<String> classpathAndMain(String mainClass) {
        Path bootJar = repackagedJar();
        if (bootJar != null) {
            return List.of("-cp", bootJar.toString(), "-Dloader.main=" + mainClass, BOOT_LAUNCHER);
        }
        return List.of("-cp", System.getProperty("java.class.path"), mainClass);
    }

    private static Path repackagedJar() {
        String location = ToolProcess.class.getProtectionDomain().getCodeSource().getLocation().toString();
        // Boot's nested-jar URLs: jar:nested:/path/genfleet-bench.jar/!BOOT-INF/classes/!/
        if (!location.startsWith("jar:nested:")) {
            return null;
        }
        String path = location.substring("jar:nested:".length());
        int end = path.indexOf("/!");
        try {
            return Path.of(new java.net.URI("file", null, end < 0 ? path : path.substring(0, end), null));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unexpected code source " + location, e);
        }
    }
}
