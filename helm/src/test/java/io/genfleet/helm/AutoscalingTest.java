package io.genfleet.helm;

import static io.genfleet.helm.support.Fields.map;
import static io.genfleet.helm.support.Fields.maps;
import static io.genfleet.helm.support.Fields.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.genfleet.helm.support.Chart;
import io.genfleet.helm.support.Manifests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** KEDA on consumer lag per lane, the CPU HPA as the fallback, and the partition count as the ceiling. */
class AutoscalingTest {

    private final Manifests keda = Chart.render("keda");

    @ParameterizedTest
    @CsvSource({"image, 100", "video, 3"})
    void kedaScalesEachLaneOnTheLagOfItsTopicAndEachDelayTopicWithTheWorkersGroups(String lane, String lagThreshold) {
        GenericKubernetesResource scaledObject = keda.custom("ScaledObject", Chart.name("worker-" + lane));
        List<Map<String, Object>> triggers = maps(spec(scaledObject).get("triggers"));
        String topic = "genfleet." + lane + ".requests";
        String group = "genfleet-worker-" + lane;

        assertThat(triggers).extracting(trigger -> map(trigger.get("metadata")).get("topic")).containsExactly(
                topic, topic + "-retry-2000", topic + "-retry-4000", topic + "-retry-8000");
        assertThat(triggers).extracting(trigger -> map(trigger.get("metadata")).get("consumerGroup")).containsExactly(
                group, group + "-retry-2000", group + "-retry-4000", group + "-retry-8000");
        assertThat(triggers).allSatisfy(trigger -> {
            assertThat(trigger).containsEntry("type", "kafka");
            assertThat(map(trigger.get("metadata")))
                    .containsEntry("bootstrapServers", "kafka-0.kafka:9092,kafka-1.kafka:9092,kafka-2.kafka:9092")
                    .containsEntry("lagThreshold", lagThreshold)
                    .containsEntry("offsetResetPolicy", "earliest")
                    .containsEntry("sasl", "scram_sha256")
                    .doesNotContainKey("tls");
            assertThat(map(trigger.get("authenticationRef"))).containsEntry("name", Chart.name("kafka"));
        });
        assertThat(map(spec(scaledObject).get("scaleTargetRef"))).containsEntry("name", Chart.name("worker-" + lane));
    }

    @Test
    void kedaAuthenticatesWithTheSameSecretAsTheWorkers() {
        GenericKubernetesResource auth = keda.custom("TriggerAuthentication", Chart.name("kafka"));
        List<Map<String, Object>> refs = maps(spec(auth).get("secretTargetRef"));

        assertThat(refs).extracting(ref -> ref.get("parameter")).containsExactly("username", "password");
        assertThat(refs).allSatisfy(ref -> assertThat(ref).containsEntry("name", "genfleet-kafka-credentials"));
        assertThat(refs).extracting(ref -> ref.get("key")).containsExactly("username", "password");
    }

    @Test
    void kedaOverTlsGetsThePemCaAndTls() {
        Manifests tls = Chart.render("sasl-ssl", "autoscaling: {keda: {enabled: true}}");
        GenericKubernetesResource scaledObject = tls.custom("ScaledObject", Chart.name("worker-image"));
        List<Map<String, Object>> refs = maps(spec(tls.custom("TriggerAuthentication", Chart.name("kafka"))).get("secretTargetRef"));

        assertThat(maps(spec(scaledObject).get("triggers"))).allSatisfy(trigger ->
                assertThat(map(trigger.get("metadata"))).containsEntry("tls", "enable").containsEntry("sasl", "scram_sha512"));
        assertThat(refs).anySatisfy(ref -> assertThat(ref)
                .containsEntry("parameter", "ca")
                .containsEntry("name", "my-cluster-cluster-ca-cert")
                .containsEntry("key", "ca.crt"));
    }

    @Test
    void maxReplicasDefaultsToThePartitionCountAndTheAutoscalerOwnsTheReplicaCount() {
        assertThat(spec(keda.custom("ScaledObject", Chart.name("worker-image"))))
                .containsEntry("minReplicaCount", 1).containsEntry("maxReplicaCount", 8);
        assertThat(spec(keda.custom("ScaledObject", Chart.name("worker-video"))))
                .as("maxReplicas 0 follows topics.partitions (12)")
                .containsEntry("minReplicaCount", 0).containsEntry("maxReplicaCount", 12);
        assertThat(keda.all(Deployment.class))
                .filteredOn(deployment -> deployment.getMetadata().getName().contains("worker"))
                .hasSize(2)
                .allSatisfy(worker -> assertThat(worker.getSpec().getReplicas())
                        .as("a fixed replicas field would fight the autoscaler on every upgrade").isNull());
        assertThat(keda.all(HorizontalPodAutoscaler.class)).isEmpty();
    }

    @Test
    void withoutKedaTheHpaScalesEachLaneOnCpuUpToThePartitionCount() {
        Manifests hpa = Chart.render(Chart.DEFAULT, "autoscaling: {hpa: {enabled: true}}");

        assertThat(hpa.all(HorizontalPodAutoscaler.class)).hasSize(2).allSatisfy(autoscaler -> {
            assertThat(autoscaler.getSpec().getMaxReplicas()).isEqualTo(6);
            assertThat(autoscaler.getSpec().getMinReplicas()).isEqualTo(1);
            assertThat(autoscaler.getSpec().getMetrics()).singleElement().satisfies(metric -> {
                assertThat(metric.getResource().getName()).isEqualTo("cpu");
                assertThat(metric.getResource().getTarget().getAverageUtilization()).isEqualTo(70);
            });
        });
        assertThat(hpa.one(HorizontalPodAutoscaler.class, Chart.name("worker-video")).getSpec().getScaleTargetRef().getName())
                .isEqualTo(Chart.name("worker-video"));
        assertThat(hpa.custom("ScaledObject")).isEmpty();
    }

    @Test
    void byDefaultNothingAutoscales() {
        Manifests defaults = Chart.render(Chart.DEFAULT);

        assertThat(defaults.kinds()).doesNotContain("ScaledObject", "TriggerAuthentication", "HorizontalPodAutoscaler");
    }



}
