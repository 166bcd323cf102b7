package io.genfleet.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Five minutes with genfleet" as CI runs it: {@code five-minutes.sh} against the packaged jar and a
 * real {@code serve} (on a free port instead of 8080). The script fails at the first step that does not do what
 * the README says; this test only checks that it got to the end.
 */
class FiveMinutesIT {

    @Test
    void theWalkThroughRunsFromServeToMetrics(@TempDir Path work) throws Exception {
        Path jar = Path.of("target", "genfleet.jar").toAbsolutePath();
        assertThat(jar).as("the packaged jar (run after package)").exists();
        Path output = work.resolve("five-minutes.out");
        ProcessBuilder builder = new ProcessBuilder("bash", "five-minutes.sh", jar.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("GENFLEET_PORT", String.valueOf(freePort()));
        builder.environment().put("TMPDIR", work.toString());
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        Process script = builder.start();

        boolean exited = script.waitFor(5, TimeUnit.MINUTES);
        if (!exited) {
            script.descendants().forEach(ProcessHandle::destroy);
            script.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(output);
        System.out.println(String.join("\n", lines));
        assertThat(exited).as("the script ended in time").isTrue();
        assertThat(script.exitValue()).as("exit code; output:%n%s", String.join("\n", lines)).isZero();
        assertThat(lines).anyMatch(line -> line.startsWith("five minutes: all steps passed in "))
                .anyMatch(line -> line.contains("requeued -> complete (epoch 1)"))
                .anyMatch(line -> line.startsWith("genfleet_items_requeued_total") && line.contains("retry_failed"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
