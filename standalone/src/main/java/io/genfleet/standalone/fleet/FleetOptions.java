package io.genfleet.standalone.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to start an all-in-one fleet.
 *
 * @param port           HTTP port on 127.0.0.1 (0 picks a free one)
 * @param dataDir        where the broker log and the Streams state live; reused across restarts
 * @param quiet          logs go to {@code dataDir/genfleet.log}, the terminal shows errors only (a command's own
 *                       lines: the demo's progress, serve's banner)
 * @param extraSettings  more Spring properties (e.g. provider failure rate)
 */
public record FleetOptions(int port, Path dataDir, boolean quiet, Map<String, String> extraSettings) {

    public FleetOptions {
        extraSettings = Map.copyOf(extraSettings);
        // The port must be known before start-up: the producer's status URL points at it.
        port = port == 0 ? freePort() : port;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /** Where the fleet logs when quiet. */
    public Path logFile() {
        return dataDir.resolve("genfleet.log");
    }

    /** Spring properties for the fleet (the broker's address is added when it has started). */
    Map<String, Object> springProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", port);
        // The producer asks the aggregator whether a batch exists; here both live behind this port.
        properties.put("genfleet.producer.status-url", "http://127.0.0.1:" + port);
        // A laptop tool: nothing outside this machine may reach it.
        properties.put("server.address", "127.0.0.1");
        properties.put("genfleet.aggregator.state-dir", dataDir.resolve("streams").toString());
        // Results of real providers (genfleet.providers.<lane>.type) live with the rest of the run's data.
        properties.put("genfleet.results.dir", dataDir.resolve("results").toString());
        properties.put("spring.main.banner-mode", "off");
        if (quiet) {
            properties.put("logging.file.name", logFile().toString());
            properties.put("logging.threshold.console", "ERROR");
        }
        properties.putAll(extraSettings);
        return properties;
    }
}
