package io.genfleet.embedded;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded broker as a process of its own, for fault tests that kill, pause and restart the broker
 * independently of its clients:
 * <pre>
 *   java -cp &lt;embedded-kafka and its dependencies&gt; io.genfleet.embedded.KafkaBrokerMain \
 *       --data-dir DIR --port PORT [--controller-port PORT]
 * </pre>
 * Ports are fixed so that clients reconnect to the same address after a restart; the data directory is
 * formatted once and reused. Prints {@value #READY} followed by the bootstrap address when it serves, then
 * blocks until the process is terminated (SIGTERM closes the broker cleanly; SIGKILL does not, on purpose).
 */
public final class KafkaBrokerMain {

    /** The line prefix printed once the broker serves clients. */
    public static final String READY = "genfleet-broker-ready ";

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Options options = Options.parse(args);
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(options.dataDir(), options.port(), options.controllerPort());
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            closed.countDown();
        }, "broker-shutdown"));
        System.out.println(READY + broker.bootstrapServers());
        System.out.flush();
        closed.await();
    }

    record Options(Path dataDir, int port, int controllerPort) {

        static Options parse(String[] args) {
            Path dataDir = null;
            int port = -1;
            int controllerPort = 0;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw usage("missing value for " + name);
                }
                String value = args[++i];
                switch (name) {
                    case "--data-dir" -> dataDir = Path.of(value);
                    case "--port" -> port = port(value);
                    case "--controller-port" -> controllerPort = port(value);
                    default -> throw usage("unknown option " + name);
                }
            }
            if (dataDir == null || port <= 0) {
                throw usage("--data-dir and --port are required");
            }
            return new Options(dataDir, port, controllerPort);
        }

        private static int port(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port < 0 || port > 65_535) {
                    throw usage("port out of range: " + value);
                }
                return port;
            } catch (NumberFormatException e) {
                throw usage("not a port: " + value);
            }
        }

        private static IllegalArgumentException usage(String problem) {
            return new IllegalArgumentException(problem
                    + "; usage: KafkaBrokerMain --data-dir DIR --port PORT [--controller-port PORT]");
        }
    }
}
