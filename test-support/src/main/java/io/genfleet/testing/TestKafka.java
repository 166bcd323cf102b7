package io.genfleet.testing;

import io.genfleet.embedded.EmbeddedKafkaBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The one Kafka broker of a test JVM, chosen once and shared by every test of the run:
 * <ol>
 *   <li>{@code KAFKA_BOOTSTRAP_SERVERS} when set (an existing cluster);</li>
 *   <li>else a Testcontainers Kafka where a Docker engine answers;</li>
 *   <li>else the real Kafka server in-process (embedded KRaft) on 127.0.0.1.</li>
 * </ol>
 * Tests must isolate themselves by unique batch ids, group ids or topic prefixes, never by a fresh broker.
 */
public final class TestKafka {

    private static final Logger log = LoggerFactory.getLogger(TestKafka.class);
    private static final String IMAGE = "apache/kafka:4.1.2";

    private static String bootstrapServers;

    private TestKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            bootstrapServers = start();
        }
        return bootstrapServers;
    }

    private static String start() {
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (external != null && !external.isBlank()) {
            log.info("Tests use the external Kafka cluster at {}", external);
            return external;
        }
        if (dockerAvailable()) {
            KafkaContainer container = new KafkaContainer(IMAGE);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "test-kafka-stop"));
            log.info("Tests use a Testcontainers Kafka at {}", container.getBootstrapServers());
            return container.getBootstrapServers();
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startTemporary();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "test-kafka-stop"));
        log.info("Tests use an embedded KRaft broker at {}", broker.bootstrapServers());
        return broker.bootstrapServers();
    }

    private static boolean dockerAvailable() {
        if (Boolean.getBoolean("genfleet.test.noDocker")) {
            return false;
        }
        // Asking Testcontainers costs seconds when there is no engine; without a socket or DOCKER_HOST
        // there is nothing to ask.
        boolean hasEndpoint = System.getenv("DOCKER_HOST") != null
                || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"));
        if (!hasEndpoint) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }
}
