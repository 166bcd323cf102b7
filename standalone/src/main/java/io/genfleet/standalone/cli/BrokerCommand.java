package io.genfleet.standalone.cli;

import io.genfleet.embedded.EmbeddedKafkaBroker;
import io.genfleet.standalone.fleet.DataDirectoryLock;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The embedded KRaft broker alone (broker and controller in one node, on 127.0.0.1), for running producer,
 * workers and aggregator as separate processes on one machine. The data directory is locked like serve's, and
 * the broker's logs go to its log file.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run a single-node Kafka broker (KRaft) on 127.0.0.1 until stopped.")
final class BrokerCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "9092", description = "Client port on 127.0.0.1 (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", defaultValue = "broker-data",
            description = "Kafka's log and broker.log; one process at a time (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 1 || port > 65_535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be between 1 and 65535");
        }
        long started = System.nanoTime();
        Path dir = dataDir.toAbsolutePath().normalize();
        DataDirectoryLock lock = DataDirectoryLock.acquire(dir);
        Path logFile = dir.resolve("broker.log");
        CliLogging.toFile(logFile);
        PrintStream out = System.out;
        out.println("genfleet broker: starting on 127.0.0.1:" + port + " with data in " + dir + " …");
        out.flush();
        EmbeddedKafkaBroker broker;
        try {
            broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), port);
        } catch (RuntimeException e) {
            lock.close();
            throw new CliFailure(ExitCode.FAILED, "the broker did not start: " + e.getMessage()
                    + " (details in " + logFile + ")", e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
            } finally {
                lock.close();
                stopped.countDown();
            }
        }, "genfleet-broker-shutdown"));
        out.printf("genfleet broker: ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
        out.println("  Kafka     " + broker.bootstrapServers()
                + "   (KAFKA_BOOTSTRAP_SERVERS=" + broker.bootstrapServers() + ")");
        out.println("  data dir  " + dir);
        out.println("  log       " + logFile);
        out.println("Ctrl-C stops it.");
        out.flush();
        stopped.await();
        return ExitCode.OK;
    }
}
