package io.genfleet.helm.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Scratch files of a test run, under target/ so that {@code mvn clean} removes them. */
final class Workspace {

    private Workspace() {
    }

    static Path write(String name, String content) {
        try {
            Path file = newDirectory("values").resolve(name);
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh copy of the chart directory (named genfleet, as Helm expects it to match Chart.yaml's name). */
    static Path copyOfChart(Path chart) {
        try (Stream<Path> paths = Files.walk(chart)) {
            Path copy = newDirectory("chart").resolve(chart.getFileName());
            for (Path source : paths.toList()) {
                Path target = copy.resolve(chart.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path newDirectory(String prefix) throws IOException {
        Path root = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("target").resolve("helm-tests");
        Files.createDirectories(root);
        return Files.createTempDirectory(root, prefix);
    }
}
