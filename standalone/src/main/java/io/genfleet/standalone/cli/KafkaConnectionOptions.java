package io.genfleet.standalone.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/**
 * How the operator tools reach a cluster: {@code --bootstrap-servers} (or {@code KAFKA_BOOTSTRAP_SERVERS}) and,
 * for SASL/TLS, a client properties file as Kafka's own tools take it ({@code --command-config}).
 */
final class KafkaConnectionOptions {

    @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP_SERVERS or ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--command-config", description = "Client properties file (security.protocol, sasl.*, ssl.*).")
    Path commandConfig;

    Map<String, Object> clientProperties() {
        Map<String, Object> properties = new HashMap<>();
        if (commandConfig != null) {
            Properties file = new Properties();
            try (InputStream in = Files.newInputStream(commandConfig)) {
                file.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + commandConfig, e);
            }
            file.forEach((key, value) -> properties.put(key.toString(), value));
        }
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return properties;
    }
}
