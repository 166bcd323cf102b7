package io.genfleet.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The README's first command, run as a user runs it: the packaged jar in its own JVM, stdout not a terminal. */
class DemoCommandIT {

    @Test
    void demoRunsTheBatchToTheEndAndPrintsTheSummaryLast() throws Exception {
        Path jar = Path.of("target", "genfleet.jar");
        assertThat(jar).as("the packaged jar (run after package)").exists();
        Path output = Files.createTempFile("genfleet-demo", ".out");
        Process demo = new ProcessBuilder(javaBinary(), "-jar", jar.toString(), "demo",
                "--scenes", "2", "--shots", "2", "--fail-rate", "0.3", "--seed", "7")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean exited = demo.waitFor(3, TimeUnit.MINUTES);
        List<String> lines = Files.readAllLines(output);
        if (!exited) {
            demo.destroyForcibly();
        }
        assertThat(exited).as("demo exited in time; output:%n%s", String.join("\n", lines)).isTrue();
        assertThat(demo.exitValue()).as("exit code; output:%n%s", String.join("\n", lines)).isZero();

        JsonNode summary = Json.mapper().readTree(lines.get(lines.size() - 1));
        assertThat(summary.path("total").asInt()).isEqualTo(6);
        assertThat(summary.path("done").asBoolean()).isTrue();
        assertThat(summary.path("progress").asDouble()).isEqualTo(1.0);
        JsonNode counts = summary.path("counts");
        assertThat(counts.path("complete").asInt() + counts.path("failed_permanent").asInt()).isEqualTo(6);
        assertThat(lines).as("plain progress lines when stdout is not a terminal")
                .anyMatch(line -> line.contains("/6 terminal"));
    }

    private static String javaBinary() throws IOException {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
