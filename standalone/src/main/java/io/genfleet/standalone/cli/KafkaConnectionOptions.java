package io.genfleet.standalone.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.Node;
import picocli.CommandLine.Option;

/**
 * How the operator tools reach a cluster, with the same settings the services take:
 * {@code --bootstrap-servers} (or {@code KAFKA_BOOTSTRAP_SERVERS}); the security environment the Helm
 * chart gives every pod ({@code SPRING_KAFKA_SECURITY_PROTOCOL}, {@code SPRING_KAFKA_PROPERTIES_SASL_*},
 * {@code SPRING_KAFKA_SSL_TRUST_STORE_*}); and, as Kafka's own tools take it, a client properties file
 * ({@code --command-config}) that overrides both.
 */
final class KafkaConnectionOptions {

    /** Environment variable → Kafka client property. */
    private static final Map<String, String> SECURITY_ENV = Map.of(
            "SPRING_KAFKA_SECURITY_PROTOCOL", "security.protocol",
            "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "sasl.mechanism",
            "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", "sasl.jaas.config",
            "SPRING_KAFKA_SSL_TRUST_STORE_LOCATION", "ssl.truststore.location",
            "SPRING_KAFKA_SSL_TRUST_STORE_TYPE", "ssl.truststore.type",
            "SPRING_KAFKA_SSL_TRUST_STORE_PASSWORD", "ssl.truststore.password");

    @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP_SERVERS or ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--command-config", description = "Client properties file (security.protocol, sasl.*, ssl.*).")
    Path commandConfig;

    @Option(names = "--connect-timeout", defaultValue = "10s", converter = DurationConverter.class,
            description = "Give up (exit 4) when Kafka does not answer within this (default ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    /** The cluster's brokers; fails fast with one line when Kafka is unreachable or refuses the credentials. */
    List<Node> requireReachable() {
        return KafkaReachability.brokers(clientProperties(), connectTimeout);
    }

    Map<String, Object> clientProperties() {
        return clientProperties(System.getenv());
    }

    Map<String, Object> clientProperties(Map<String, String> environment) {
        Map<String, Object> properties = new HashMap<>();
        SECURITY_ENV.forEach((variable, property) -> {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                // Spring takes a resource location ("file:/path"); the Kafka client wants a plain path.
                properties.put(property, property.endsWith(".location") ? value.replaceFirst("^file:", "") : value);
            }
        });
        if (commandConfig != null) {
            Properties file = new Properties();
            try (InputStream in = Files.newInputStream(commandConfig)) {
                file.load(in);
            } catch (IOException e) {
                throw new CliFailure(ExitCode.USAGE, "cannot read --command-config " + commandConfig + " ("
                        + e.getMessage() + ")", e);
            }
            file.forEach((key, value) -> properties.put(key.toString(), value));
        }
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return properties;
    }
}
