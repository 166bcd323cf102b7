package io.genfleet.helm;

import static io.genfleet.helm.support.Pods.container;
import static io.genfleet.helm.support.Pods.env;
import static io.genfleet.helm.support.Pods.envIndex;
import static io.genfleet.helm.support.Pods.envValue;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.genfleet.helm.support.Chart;
import io.genfleet.helm.support.Manifests;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SASL and TLS settings reach every client, with credentials only ever read from existing Secrets. */
class KafkaSecurityTest {

    private static final String JAAS = "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG";

    private final Manifests saslSsl = Chart.render("sasl-ssl");

    @Test
    void everyServiceReadsSaslCredentialsFromTheExistingSecret() {
        Map<String, PodTemplateSpec> pods = saslSsl.podTemplates();

        assertThat(pods).hasSize(4);
        pods.forEach((workload, pod) -> {
            Container container = container(pod);
            assertThat(secretRef(container, "KAFKA_SASL_USERNAME")).as(workload)
                    .satisfies(ref -> {
                        assertThat(ref.getName()).isEqualTo("genfleet-kafka-user");
                        assertThat(ref.getKey()).isEqualTo("username");
                    });
            assertThat(secretRef(container, "KAFKA_SASL_PASSWORD")).as(workload)
                    .satisfies(ref -> {
                        assertThat(ref.getName()).isEqualTo("genfleet-kafka-user");
                        assertThat(ref.getKey()).isEqualTo("password");
                    });
            assertThat(secretRef(container, "SPRING_KAFKA_SSL_TRUST_STORE_PASSWORD")).as(workload)
                    .satisfies(ref -> {
                        assertThat(ref.getName()).isEqualTo("my-cluster-cluster-ca-cert");
                        assertThat(ref.getKey()).isEqualTo("ca.password");
                    });
        });
    }

    @Test
    void theJaasLineOnlyReferencesTheSecretBackedVariablesDefinedBeforeIt() {
        saslSsl.podTemplates().forEach((workload, pod) -> {
            Container container = container(pod);

            assertThat(envValue(container, JAAS)).as(workload).isEqualTo(
                    "org.apache.kafka.common.security.scram.ScramLoginModule required"
                            + " username=\"$(KAFKA_SASL_USERNAME)\" password=\"$(KAFKA_SASL_PASSWORD)\";");
            assertThat(envIndex(container, "KAFKA_SASL_USERNAME")).isLessThan(envIndex(container, JAAS));
            assertThat(envIndex(container, "KAFKA_SASL_PASSWORD")).isLessThan(envIndex(container, JAAS));
        });
    }

    @Test
    void noCredentialAppearsInTheRenderedManifests() {
        assertThat(saslSsl.kinds()).doesNotContain("Secret");
        saslSsl.podTemplates().forEach((workload, pod) -> {
            for (EnvVar env : container(pod).getEnv()) {
                // A *_FILE variable names where a mounted Secret is, not a credential.
                if (env.getName().matches(".*(PASSWORD|USERNAME|API_KEYS|SECRET).*") && !env.getName().endsWith("_FILE")) {
                    assertThat(env.getValueFrom()).as("%s in %s", env.getName(), workload).isNotNull();
                    assertThat(env.getValueFrom().getSecretKeyRef()).as("%s in %s", env.getName(), workload).isNotNull();
                }
            }
        });
        assertThat(saslSsl.one(ConfigMap.class, Chart.name("config")).getData().keySet())
                .noneMatch(key -> key.matches(".*(PASSWORD|USERNAME|JAAS|API_KEYS).*"));
        // In the raw YAML the JAAS quotes are escaped: password=\"$(KAFKA_SASL_PASSWORD)\" is the only form allowed.
        assertThat(saslSsl.text()).containsPattern("password=\\\\?\"\\$\\(KAFKA_SASL_PASSWORD\\)")
                .doesNotContainPattern("password=\\\\?\"(?!\\$\\()");
    }

    @Test
    void protocolMechanismAndTruststoreLocationAreSharedSettings() {
        ConfigMap config = saslSsl.one(ConfigMap.class, Chart.name("config"));

        assertThat(config.getData())
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "my-cluster-kafka-bootstrap.kafka.svc:9093")
                .containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512")
                .containsEntry("SPRING_KAFKA_SSL_TRUST_STORE_LOCATION", "file:/etc/genfleet/kafka-tls/ca.p12")
                .containsEntry("SPRING_KAFKA_SSL_TRUST_STORE_TYPE", "PKCS12");
    }

    @Test
    void theTruststoreSecretIsMountedReadOnlyWhereTheLocationPoints() {
        saslSsl.podTemplates().forEach((workload, pod) -> {
            Volume truststore = pod.getSpec().getVolumes().stream()
                    .filter(volume -> volume.getName().equals("kafka-truststore"))
                    .findFirst().orElseThrow();
            assertThat(truststore.getSecret().getSecretName()).as(workload).isEqualTo("my-cluster-cluster-ca-cert");
            assertThat(truststore.getSecret().getItems()).singleElement()
                    .satisfies(item -> assertThat(item.getPath()).isEqualTo("ca.p12"));
            assertThat(container(pod).getVolumeMounts()).as(workload).anySatisfy(mount -> {
                assertThat(mount.getName()).isEqualTo("kafka-truststore");
                assertThat(mount.getMountPath()).isEqualTo("/etc/genfleet/kafka-tls");
                assertThat(mount.getReadOnly()).isTrue();
            });
        });
    }

    @Test
    void apiKeysComeFromTheirSecretOnTheApiServices() {
        assertThat(saslSsl.podTemplates().get("Deployment/" + Chart.name("producer")).getSpec().getVolumes())
                .anySatisfy(volume -> assertThat(volume.getSecret() == null ? null : volume.getSecret().getSecretName())
                        .isEqualTo("genfleet-api-keys"));
        assertThat(env(container(saslSsl.podTemplates().get("Deployment/" + Chart.name("worker-image"))),
                "GENFLEET_API_KEYS_FILE")).as("workers serve no API").isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "PLAIN, org.apache.kafka.common.security.plain.PlainLoginModule",
            "SCRAM-SHA-256, org.apache.kafka.common.security.scram.ScramLoginModule"})
    void theLoginModuleFollowsTheMechanism(String mechanism, String loginModule) {
        Manifests plain = Chart.render(Chart.DEFAULT, """
                kafka:
                  securityProtocol: SASL_PLAINTEXT
                  sasl: {mechanism: %s, existingSecret: creds}
                """.formatted(mechanism));
        Container producer = container(plain.podTemplates().get("Deployment/" + Chart.name("producer")));

        assertThat(envValue(producer, JAAS)).startsWith(loginModule + " required ");
        assertThat(plain.one(ConfigMap.class, Chart.name("config")).getData())
                .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", mechanism)
                .doesNotContainKey("SPRING_KAFKA_SSL_TRUST_STORE_LOCATION");
        assertThat(producer.getVolumeMounts()).noneMatch(mount -> mount.getName().equals("kafka-truststore"));
    }

    @Test
    void publiclyTrustedBrokersNeedNoTruststore() {
        Manifests managed = Chart.render(Chart.DEFAULT, """
                kafka:
                  securityProtocol: SSL
                  tls: {useSystemCAs: true}
                """);

        assertThat(managed.one(ConfigMap.class, Chart.name("config")).getData())
                .containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SSL")
                .doesNotContainKeys("SPRING_KAFKA_SSL_TRUST_STORE_LOCATION", "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM");
        managed.podTemplates().forEach((workload, pod) ->
                assertThat(env(container(pod), "SPRING_KAFKA_SSL_TRUST_STORE_PASSWORD")).as(workload).isEmpty());
    }

    private static SecretKeySelector secretRef(Container container, String name) {
        EnvVar env = env(container, name).orElseThrow(() -> new AssertionError("no env " + name));
        assertThat(env.getValue()).as("%s has no literal value", name).isNull();
        return env.getValueFrom().getSecretKeyRef();
    }
}
