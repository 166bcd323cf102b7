package io.genfleet.helm;

import static io.genfleet.helm.support.Fields.map;
import static io.genfleet.helm.support.Fields.maps;
import static io.genfleet.helm.support.Fields.spec;
import static io.genfleet.helm.support.Pods.container;
import static io.genfleet.helm.support.Pods.envValue;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.genfleet.helm.support.Chart;
import io.genfleet.helm.support.Manifests;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The topics of the contract, provisioned by the hook Job or as Strimzi KafkaTopics. */
class TopicsTest {

    @Test
    void theTopicJobIsAHookAndNotPartOfTheReleaseManifest() {
        assertThat(Chart.render(Chart.DEFAULT).all(Job.class))
                .as("helm.sh/hook makes Helm run the Job before install/upgrade instead of keeping it")
                .isEmpty();

        Job job = Chart.renderWithHooks(Chart.DEFAULT).one(Job.class, Chart.name("topics"));

        assertThat(job.getMetadata().getAnnotations())
                .containsEntry(Chart.RENAMED_HOOK_ANNOTATION, "pre-install,pre-upgrade")
                .containsEntry("helm.sh/hook-delete-policy", "before-hook-creation,hook-succeeded");
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(4);
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(600L);
        assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
    }

    @Test
    void theJobCreatesTheTopicsWithTheCliImage() {
        Job job = Chart.renderWithHooks(Chart.DEFAULT).one(Job.class, Chart.name("topics"));
        Container container = container(job.getSpec().getTemplate());

        assertThat(container.getImage()).isEqualTo("genfleet:0.1.0");
        // The image's entrypoint runs the CLI: the Dockerfile's java -jar and Jib's main class both fit.
        assertThat(container.getCommand()).isEmpty();
        assertThat(container.getArgs()).containsExactly(
                "topics", "create",
                "--bootstrap-servers", "kafka:9092",
                "--prefix", "genfleet.",
                "--partitions", "6",
                "--replication-factor", "-1");
        assertThat(envValue(container, "GENFLEET_TOPICS_RETRY_DELAYS")).isEqualTo("2s,4s,8s");
    }

    @Test
    void theJobGetsTheSameKafkaSecurityAsTheServicesInlineSinceItRunsBeforeTheConfigMapExists() {
        Job job = Chart.renderWithHooks("sasl-ssl").one(Job.class, Chart.name("topics"));
        Container container = container(job.getSpec().getTemplate());

        assertThat(container.getEnvFrom()).isEmpty();
        assertThat(envValue(container, "SPRING_KAFKA_SECURITY_PROTOCOL")).isEqualTo("SASL_SSL");
        assertThat(envValue(container, "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM")).isEqualTo("SCRAM-SHA-512");
        assertThat(envValue(container, "SPRING_KAFKA_SSL_TRUST_STORE_LOCATION")).isEqualTo("file:/etc/genfleet/kafka-tls/ca.p12");
        assertThat(envValue(container, "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG")).contains("$(KAFKA_SASL_PASSWORD)");
        assertThat(container.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("KAFKA_SASL_PASSWORD");
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("genfleet-kafka-user");
        });
        assertThat(container.getArgs()).containsSequence("--bootstrap-servers", "my-cluster-kafka-bootstrap.kafka.svc:9093")
                .containsSequence("--replication-factor", "3");
        assertThat(job.getSpec().getTemplate().getSpec().getServiceAccountName())
                .as("the chart's ServiceAccount does not exist yet at pre-install").isNull();
    }

    @Test
    void strimziTopicsReplaceTheJobAndFollowTheContractNames() {
        Manifests strimzi = Chart.renderWithHooks("strimzi-topics");

        assertThat(strimzi.all(Job.class)).isEmpty();
        assertThat(topics(strimzi).keySet()).containsExactlyInAnyOrder(
                "studio.image.requests", "studio.image.requests-retry-500", "studio.image.requests-retry-5000",
                "studio.image.requests-retry-60000", "studio.image.requests-dlt",
                "studio.video.requests", "studio.video.requests-retry-500", "studio.video.requests-retry-5000",
                "studio.video.requests-retry-60000", "studio.video.requests-dlt",
                "studio.status", "studio.status-dlt", "studio.replay-claims", "studio.webhooks",
                "studio.webhooks-dlt");
    }

    @Test
    void theClaimsTopicKeepsItsLogAsWritten() {
        Map<String, GenericKubernetesResource> topics = topics(Chart.render("strimzi-topics"));

        // First claim wins: compaction would keep the last claim of a key instead.
        assertThat(map(spec(topics.get("studio.replay-claims")).get("config")))
                .containsEntry("cleanup.policy", "delete").containsEntry("min.insync.replicas", 2);
        assertThat(map(spec(topics.get("studio.status")).get("config"))).doesNotContainKey("cleanup.policy");
    }

    @Test
    void retryAndDeadLetterTopicsHaveTheirLaneTopicsPartitionCount() {
        Map<String, GenericKubernetesResource> topics = topics(Chart.render("strimzi-topics"));

        for (String lane : List.of("image", "video")) {
            int lanePartitions = partitions(topics.get("studio." + lane + ".requests"));
            assertThat(lanePartitions).isEqualTo(9);
            assertThat(topics).allSatisfy((name, topic) -> {
                if (name.startsWith("studio." + lane + ".requests")) {
                    assertThat(partitions(topic)).as(name).isEqualTo(lanePartitions);
                }
            });
        }
    }

    @Test
    void strimziTopicsBelongToTheClusterAndSurviveUninstall() {
        for (GenericKubernetesResource topic : Chart.render("strimzi-topics").custom("KafkaTopic")) {
            assertThat(topic.getApiVersion()).isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "my-cluster");
            assertThat(topic.getMetadata().getNamespace()).isEqualTo("kafka");
            assertThat(topic.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
            assertThat(topic.getMetadata().getName()).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
            assertThat(spec(topic)).containsEntry("replicas", 3);
            assertThat(map(spec(topic).get("config"))).containsEntry("min.insync.replicas", 2);
        }
    }

    @Test
    void servicesNeverCreateTopicsThemselvesAndKnowTheCustomDelays() {
        Manifests strimzi = Chart.render("strimzi-topics");

        assertThat(strimzi.one(io.fabric8.kubernetes.api.model.ConfigMap.class, Chart.name("config")).getData())
                .containsEntry("GENFLEET_TOPICS_CREATE", "false")
                .containsEntry("GENFLEET_TOPICS_RETRY_DELAYS", "500ms,5s,1m")
                .containsEntry("GENFLEET_TOPICS_PREFIX", "studio.")
                .containsEntry("GENFLEET_TOPICS_PARTITIONS", "9");
    }

    @Test
    void brokerDefaultReplicationLeavesReplicasToStrimzi() {
        Manifests strimzi = Chart.render("strimzi-topics", "topics: {replicationFactor: -1}");

        assertThat(strimzi.custom("KafkaTopic")).isNotEmpty()
                .allSatisfy(topic -> assertThat(spec(topic)).doesNotContainKey("replicas"));
    }

    private static Map<String, GenericKubernetesResource> topics(Manifests manifests) {
        return manifests.custom("KafkaTopic").stream()
                .collect(Collectors.toMap(topic -> (String) spec(topic).get("topicName"), topic -> topic));
    }

    private static int partitions(GenericKubernetesResource topic) {
        return ((Number) spec(topic).get("partitions")).intValue();
    }

}
