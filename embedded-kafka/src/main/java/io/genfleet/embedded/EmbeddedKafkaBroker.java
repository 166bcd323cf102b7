package io.genfleet.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Kafka server (KRaft, broker and controller in one node) running inside this JVM, bound to
 * 127.0.0.1 only. Its log directory survives a restart when the same {@code dataDir} is given again:
 * storage is formatted only once.
 *
 * <p>Optionally a second client listener asks for SASL_SSL (see {@link SaslSslListener}). Only that client
 * listener is secured: the PLAINTEXT listener stays for the broker's own inter-broker traffic and for tests that
 * need an unauthenticated admin, and the controller listener stays PLAINTEXT. Clients under test are pointed at
 * {@link #saslSslBootstrapServers()} only.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String HOST = "127.0.0.1";

    private final Path dataDir;
    private final int brokerPort;
    private final int controllerPort;
    private final SaslSslListener secured;
    private final int securedPort;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Path dataDir, int brokerPort, int controllerPort, SaslSslListener secured) {
        this.dataDir = dataDir;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.secured = secured;
        this.securedPort = secured == null ? -1 : freePort();
    }

    /**
     * Starts a broker.
     *
     * @param dataDir    where the log lives (created when missing)
     * @param brokerPort the client port, or 0 for a free one
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int brokerPort) {
        return start(dataDir, brokerPort, 0);
    }

    /**
     * Starts a broker whose controller listens on a given port too, so that a restart on the same
     * {@code dataDir} (e.g. after {@code kill -9}) comes back exactly as it was.
     *
     * @param controllerPort the KRaft controller port, or 0 for a free one
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int brokerPort, int controllerPort) {
        return start(dataDir, brokerPort, controllerPort, null);
    }

    /**
     * Starts a broker with a SASL_SSL client listener (SCRAM-SHA-512 over TLS) on a free port, next to the
     * PLAINTEXT one; see {@link #saslSslBootstrapServers()}.
     */
    public static EmbeddedKafkaBroker startWithSaslSsl(Path dataDir, SaslSslListener secured) {
        return start(dataDir, 0, 0, Objects.requireNonNull(secured, "secured"));
    }

    private static EmbeddedKafkaBroker start(Path dataDir, int brokerPort, int controllerPort, SaslSslListener secured) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir,
                brokerPort == 0 ? freePort() : brokerPort, controllerPort == 0 ? freePort() : controllerPort, secured);
        broker.startServer();
        return broker;
    }

    /** A broker on a fresh temporary directory and free port. */
    public static EmbeddedKafkaBroker startTemporary() {
        try {
            return start(Files.createTempDirectory("genfleet-kafka-"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    /**
     * The SASL_SSL listener's address.
     *
     * @throws IllegalStateException when the broker was started without one
     */
    public String saslSslBootstrapServers() {
        if (secured == null) {
            throw new IllegalStateException("this broker was started without a SASL_SSL listener");
        }
        return HOST + ":" + securedPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    private void startServer() {
        long started = System.nanoTime();
        Properties props = serverProperties();
        formatOnce(props);
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        log.info("Kafka broker up on {} (data in {}) after {} ms", bootstrapServers(), dataDir,
                (System.nanoTime() - started) / 1_000_000);
    }

    private Properties serverProperties() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.bootstrap.servers", HOST + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + bootstrapServers());
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        if (secured != null) {
            addSaslSslListener(props);
        }
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", dataDir.resolve("log").toString());
        // A single node cannot replicate: internal topics (offsets, transactions) at RF 1, min ISR 1.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "6");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "6");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("min.insync.replicas", "1");
        props.put("num.partitions", "1");
        // Nobody else joins this one-node cluster: start serving the first group member at once.
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        props.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        return props;
    }

    private void addSaslSslListener(Properties props) {
        String address = "SASL_SSL://" + HOST + ":" + securedPort;
        props.put("listeners", props.getProperty("listeners") + "," + address);
        props.put("advertised.listeners", props.getProperty("advertised.listeners") + "," + address);
        props.put("listener.security.protocol.map", props.getProperty("listener.security.protocol.map") + ",SASL_SSL:SASL_SSL");
        props.put("sasl.enabled.mechanisms", SaslSslListener.MECHANISM);
        String prefix = "listener.name.sasl_ssl.";
        props.put(prefix + "sasl.enabled.mechanisms", SaslSslListener.MECHANISM);
        // The broker's side of SCRAM needs the login module but no credentials: users live in the metadata log.
        props.put(prefix + "scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        props.put(prefix + "ssl.keystore.location", secured.keyStore().toString());
        props.put(prefix + "ssl.keystore.password", secured.keyStorePassword());
        props.put(prefix + "ssl.key.password", secured.keyStorePassword());
        props.put(prefix + "ssl.keystore.type", "PKCS12");
    }

    private void formatOnce(Properties props) {
        Path metaProperties = dataDir.resolve("log").resolve("meta.properties");
        if (Files.exists(metaProperties)) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            Path config = dataDir.resolve("server.properties");
            try (var out = Files.newOutputStream(config)) {
                props.store(out, "genfleet embedded broker");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            List<String> args = new ArrayList<>(List.of("format", "--config", config.toString(),
                    "--cluster-id", Uuid.randomUuid().toString(), "--standalone", "--ignore-formatted"));
            if (secured != null) {
                // KRaft keeps SCRAM users in the metadata log: written at format time, they exist before any login.
                args.addAll(List.of("--add-scram", secured.scramCredential()));
            }
            int rc = StorageTool.execute(args.toArray(String[]::new), new PrintStream(output, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException("formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka data directory " + dataDir, e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }
}
