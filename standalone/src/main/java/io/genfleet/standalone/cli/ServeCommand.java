package io.genfleet.standalone.cli;

import io.genfleet.standalone.fleet.FleetOptions;
import io.genfleet.standalone.fleet.RunningFleet;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Keeps the whole fleet up with the HTTP API; data survives a restart with the same data dir. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run broker, workers, aggregator and the HTTP API in one process until stopped.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port on 127.0.0.1 (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", defaultValue = "data", description = "Broker log and Streams state (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() throws InterruptedException {
        RunningFleet fleet = RunningFleet.start(new FleetOptions(port, dataDir.toAbsolutePath(), false, Map.of()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fleet.close();
            stopped.countDown();
        }, "genfleet-shutdown"));
        System.out.println("genfleet is serving " + fleet.baseUrl() + " (Kafka at " + fleet.bootstrapServers()
                + ", data in " + dataDir.toAbsolutePath() + "). Ctrl-C stops it.");
        if (fleet.apiKey().generated()) {
            // Printed once, here only: it is in no log. GENFLEET_API_KEYS chooses a lasting key instead.
            System.out.println("API key for every /api request (new on every start; set GENFLEET_API_KEYS to choose your own):");
            System.out.println("  " + fleet.apiKey().value());
            System.out.println("  send it as Authorization: Bearer <key> or X-API-Key: <key>");
        } else {
            System.out.println("API keys: from GENFLEET_API_KEYS (genfleet.api-keys) and GENFLEET_API_KEYS_FILE; send one "
                    + "as Authorization: Bearer <key> or X-API-Key: <key>.");
        }
        stopped.await();
        return 0;
    }
}
