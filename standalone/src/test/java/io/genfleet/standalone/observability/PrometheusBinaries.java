package io.genfleet.standalone.observability;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code prometheus} and {@code promtool} executables (Debian's {@code prometheus} package; {@code .ci/run}
 * installs it when missing). A missing Prometheus fails the proof, unless {@value #UNAVAILABLE} says why it
 * cannot be installed on this machine: then the proof is skipped with that reason, never silently.
 */
record PrometheusBinaries(Path prometheus, Path promtool) {

    static final String UNAVAILABLE = "GENFLEET_PROMETHEUS_UNAVAILABLE";

    static PrometheusBinaries require() {
        Optional<Path> prometheus = find("prometheus");
        Optional<Path> promtool = find("promtool");
        if (prometheus.isPresent() && promtool.isPresent()) {
            return new PrometheusBinaries(prometheus.get(), promtool.get());
        }
        String reason = System.getenv(UNAVAILABLE);
        if (reason != null && !reason.isBlank()) {
            abort("Prometheus is not installed and cannot be: " + reason);
        }
        return fail("Prometheus is not installed (no prometheus/promtool on PATH or in /usr/bin). Install Debian's "
                + "package: apt-get install -y prometheus (.ci/run does). Only where it cannot be installed, set "
                + UNAVAILABLE + "=<why> to skip this proof.");
    }

    private static Optional<Path> find(String executable) {
        Stream<String> dirs = Stream.concat(
                Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)), Stream.of("/usr/bin"));
        return dirs.filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, executable))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
