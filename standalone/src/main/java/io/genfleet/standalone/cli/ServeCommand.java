package io.genfleet.standalone.cli;

import io.genfleet.standalone.fleet.FleetOptions;
import io.genfleet.standalone.fleet.RunningFleet;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Keeps the whole fleet up with the HTTP API; data survives a restart with the same data dir. The terminal shows
 * a short banner (URL, API key and webhook secret when generated, data dir, broker address); the logs go to the data
 * dir's log file.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run broker, workers, aggregator and the HTTP API in one process until stopped.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port on 127.0.0.1 (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", defaultValue = "data",
            description = "Broker log, Streams state and genfleet.log; one process at a time (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() throws InterruptedException {
        long started = System.nanoTime();
        Path dir = dataDir.toAbsolutePath().normalize();
        FleetOptions options = new FleetOptions(port, dir, true, Map.of());
        PrintStream out = System.out;
        out.println("genfleet serve: starting on 127.0.0.1:" + options.port() + " with data in " + dir + " …");
        out.flush();
        RunningFleet fleet = RunningFleet.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fleet.close();
            stopped.countDown();
        }, "genfleet-shutdown"));
        out.printf("genfleet serve: ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
        out.println("  URL       " + fleet.baseUrl());
        if (fleet.apiKey().generated()) {
            // Printed once, here only: it is in no log. GENFLEET_API_KEYS chooses a lasting key instead.
            out.println("  API key   " + fleet.apiKey().value());
            out.println("            new on every start (set GENFLEET_API_KEYS to keep one); send it as "
                    + "Authorization: Bearer <key> or X-API-Key: <key>");
        } else {
            out.println("  API key   from GENFLEET_API_KEYS; send one as Authorization: Bearer <key> or X-API-Key: <key>");
        }
        if (fleet.webhookSecret().generated()) {
            // Like the key: printed once, here only. A receiver of a storyboard's notify verifies with it.
            out.println("  webhooks  " + fleet.webhookSecret().value());
            out.println("            signs Genfleet-Signature; new on every start (set GENFLEET_WEBHOOKS_SECRET to keep one)");
        } else {
            out.println("  webhooks  signed with GENFLEET_WEBHOOKS_SECRET");
        }
        out.println("  data dir  " + dir);
        out.println("  Kafka     " + fleet.bootstrapServers());
        out.println("  log       " + options.logFile());
        out.println("Ctrl-C stops it.");
        out.flush();
        stopped.await();
        return ExitCode.OK;
    }
}
