package io.genfleet.helm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genfleet.helm.support.Chart;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values that cannot work fail the render with a message naming the value and the way out: cross-field
 * mistakes through genfleet.validateValues, types, enums and unknown keys through values.schema.json.
 */
class InvalidValuesTest {

    static Stream<Arguments> contradictions() {
        return Stream.of(
                Arguments.of("no bootstrap servers", "kafka: {bootstrapServers: \"\"}",
                        "kafka.bootstrapServers is empty"),
                Arguments.of("bootstrap servers without a port", "kafka: {bootstrapServers: \"kafka-a, kafka-b\"}",
                        "kafka.bootstrapServers \"kafka-a, kafka-b\" is not a comma-separated host:port list"),
                Arguments.of("SASL without a secret", "kafka: {securityProtocol: SASL_PLAINTEXT}",
                        "kafka.securityProtocol is SASL_PLAINTEXT but kafka.sasl.existingSecret is empty"),
                Arguments.of("a SASL secret on a protocol without SASL",
                        "kafka: {securityProtocol: PLAINTEXT, sasl: {existingSecret: creds}}",
                        "kafka.sasl.existingSecret is set but kafka.securityProtocol is PLAINTEXT"),
                Arguments.of("SSL without a truststore", "kafka: {securityProtocol: SSL}",
                        "kafka.securityProtocol is SSL but kafka.tls.truststore.existingSecret is empty"),
                Arguments.of("SASL_SSL without a truststore",
                        "kafka: {securityProtocol: SASL_SSL, sasl: {existingSecret: creds}}",
                        "kafka.securityProtocol is SASL_SSL but kafka.tls.truststore.existingSecret is empty"),
                Arguments.of("a truststore on a plaintext protocol",
                        "kafka: {tls: {truststore: {existingSecret: ca}}}",
                        "kafka.tls.truststore.existingSecret is set but kafka.securityProtocol is PLAINTEXT"),
                Arguments.of("a truststore and the system CAs at once",
                        "kafka: {securityProtocol: SSL, tls: {useSystemCAs: true, truststore: {existingSecret: ca}}}",
                        "kafka.tls.useSystemCAs=true contradicts kafka.tls.truststore.existingSecret"),
                Arguments.of("a password on a PEM truststore",
                        "kafka: {securityProtocol: SSL, tls: {truststore: {existingSecret: ca, key: ca.crt, type: PEM}}}",
                        "kafka.tls.truststore.type is PEM but kafka.tls.truststore.passwordKey is set"),
                Arguments.of("KEDA and the HPA together", "autoscaling: {keda: {enabled: true}, hpa: {enabled: true}}",
                        "autoscaling.keda.enabled and autoscaling.hpa.enabled are both true"),
                Arguments.of("KEDA over TLS without a PEM CA",
                        "kafka: {securityProtocol: SSL, tls: {truststore: {existingSecret: ca}}}\nautoscaling: {keda: {enabled: true}}",
                        "autoscaling.keda.enabled with a truststore needs kafka.tls.truststore.caCertKey"),
                Arguments.of("maxReplicas above the partitions",
                        "topics: {partitions: 4}\nworker: {lanes: {video: {autoscaling: {maxReplicas: 5}}}}",
                        "worker.lanes.video.autoscaling.maxReplicas (5) is above topics.partitions (4)"),
                Arguments.of("static replicas above the partitions",
                        "topics: {partitions: 3}\nworker: {lanes: {image: {replicas: 4}, video: {replicas: 1}}}",
                        "worker.lanes.image.replicas (4) is above topics.partitions (3)"),
                Arguments.of("minReplicas above maxReplicas",
                        "autoscaling: {keda: {enabled: true}}\nworker: {lanes: {image: {autoscaling: {minReplicas: 5, maxReplicas: 2}}}}",
                        "worker.lanes.image.autoscaling.minReplicas (5) is above its maxReplicas (2)"),
                Arguments.of("the HPA scaling to zero",
                        "autoscaling: {hpa: {enabled: true}}\nworker: {lanes: {video: {autoscaling: {minReplicas: 0}}}}",
                        "worker.lanes.video.autoscaling.minReplicas is 0, which the HPA cannot do"),
                Arguments.of("as many standbys as instances", "aggregator: {replicas: 2, standbyReplicas: 2}",
                        "aggregator.standbyReplicas (2) needs at least 3 aggregator.replicas"),
                Arguments.of("two delays naming the same topic", "topics: {retryDelays: [2s, 2000ms]}",
                        "topics.retryDelays has two entries of 2000ms"),
                Arguments.of("a replication factor of 0", "topics: {replicationFactor: 0}",
                        "topics.replicationFactor is 0"),
                Arguments.of("Strimzi without a cluster", "topics: {strimzi: {enabled: true}}",
                        "topics.strimzi.enabled=true needs topics.strimzi.clusterName"),
                Arguments.of("anonymous changes and API keys at once",
                        "apiKeys: {existingSecret: my-keys, allowAnonymous: true}",
                        "apiKeys.allowAnonymous=true contradicts apiKeys.existingSecret"));
    }

    static Stream<Arguments> schemaViolations() {
        return Stream.of(
                Arguments.of("an unknown top-level key", "kafkaa: {bootstrapServers: x:9092}",
                        "Additional property kafkaa is not allowed"),
                Arguments.of("an unknown security protocol", "kafka: {securityProtocol: TLS}",
                        "kafka.securityProtocol must be one of the following"),
                Arguments.of("an unknown SASL mechanism",
                        "kafka: {securityProtocol: SASL_SSL, sasl: {mechanism: GSSAPI, existingSecret: creds}}",
                        "kafka.sasl.mechanism must be one of the following"),
                Arguments.of("no partitions", "topics: {partitions: 0}",
                        "topics.partitions: Must be greater than or equal to 1"),
                Arguments.of("a delay without a unit", "topics: {retryDelays: [\"2\"]}",
                        "topics.retryDelays.0: Does not match pattern"),
                Arguments.of("a failure rate above 1", "worker: {provider: {failureRate: 1.5}}",
                        "worker.provider.failureRate: Must be less than or equal to 1"),
                Arguments.of("a lane the contract does not have", "worker: {lanes: {audio: {enabled: true}}}",
                        "Additional property audio is not allowed"),
                Arguments.of("a password as a value", "kafka: {sasl: {password: hunter2}}",
                        "Additional property password is not allowed"),
                Arguments.of("replicas as text", "producer: {replicas: \"two\"}",
                        "producer.replicas: Invalid type. Expected: integer, given: string"),
                Arguments.of("an API key as a value", "apiKeys: {keys: [\"0123456789abcdef0123\"]}",
                        "Additional property keys is not allowed"),
                Arguments.of("allowAnonymous as text", "apiKeys: {allowAnonymous: \"yes\"}",
                        "apiKeys.allowAnonymous: Invalid type. Expected: boolean, given: string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contradictions")
    void contradictoryValuesFailWithTheirExplanation(String mistake, String values, String message) {
        assertThatThrownBy(() -> Chart.templateText(Chart.DEFAULT, values))
                .as(mistake)
                .hasMessageContaining("genfleet: invalid values")
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaViolations")
    void valuesAgainstTheSchemaFailNamingTheValue(String mistake, String values, String message) {
        assertThatThrownBy(() -> Chart.templateText(Chart.DEFAULT, values))
                .as(mistake)
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(message);
    }

    @Test
    void everyMistakeIsReportedAtOnce() {
        String values = """
                kafka: {securityProtocol: SASL_SSL}
                aggregator: {replicas: 1, standbyReplicas: 1}
                """;

        assertThatThrownBy(() -> Chart.templateText(Chart.DEFAULT, values))
                .hasMessageContaining("kafka.securityProtocol is SASL_SSL but kafka.sasl.existingSecret is empty")
                .hasMessageContaining("kafka.securityProtocol is SASL_SSL but kafka.tls.truststore.existingSecret is empty")
                .hasMessageContaining("aggregator.standbyReplicas (1) needs at least 2 aggregator.replicas");
    }
}
