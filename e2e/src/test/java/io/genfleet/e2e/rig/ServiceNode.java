package io.genfleet.e2e.rig;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;

/** A genfleet service (producer, worker or aggregator) running from its jar, with its HTTP port. */
public final class ServiceNode {

    private final ManagedProcess process;
    private final int port;

    ServiceNode(String name, int port, IntFunction<List<String>> command, java.nio.file.Path log) {
        this(name, port, command, log, java.util.Map.of());
    }

    ServiceNode(String name, int port, IntFunction<List<String>> command, java.nio.file.Path log,
            java.util.Map<String, String> environment) {
        this.process = new ManagedProcess(name, command, log, environment);
        this.port = port;
    }

    public ManagedProcess process() {
        return process;
    }

    public String name() {
        return process.name();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The readiness group's status ({@code UP}, {@code DOWN}, ...), or {@code UNREACHABLE}. */
    public String readiness() {
        try {
            Http.Response response = Http.get(url("/actuator/health/readiness"), Duration.ofSeconds(3));
            return response.json().path("status").asString("HTTP " + response.status());
        } catch (IOException | RuntimeException e) {
            return "UNREACHABLE";
        }
    }

    /** Waits until the readiness group is UP; returns how long that took. */
    public Duration awaitReady(Duration atMost) {
        long started = System.nanoTime();
        await().alias(name() + " readiness UP").atMost(atMost).pollInterval(Duration.ofMillis(250))
                .failFast(name() + " exited; see " + process.log(), () -> !process.isAlive())
                .until(() -> readiness().equals("UP"));
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
