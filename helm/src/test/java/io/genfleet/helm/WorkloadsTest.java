package io.genfleet.helm;

import static io.genfleet.helm.support.Pods.container;
import static io.genfleet.helm.support.Pods.envIndex;
import static io.genfleet.helm.support.Pods.envValue;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.genfleet.helm.support.Chart;
import io.genfleet.helm.support.Manifests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The producer, the per-lane workers and the aggregator StatefulSet, as the default values render them. */
class WorkloadsTest {

    private final Manifests manifests = Chart.render(Chart.DEFAULT);

    @ParameterizedTest
    @CsvSource({"image, 1000", "video, 1000"})
    void eachLaneHasItsOwnWorkerDeploymentConsumingOnlyThatLane(String lane, String maxInFlight) {
        Deployment worker = manifests.one(Deployment.class, Chart.name("worker-" + lane));
        Container container = container(worker.getSpec().getTemplate());

        assertThat(envValue(container, "GENFLEET_WORKER_LANES")).isEqualTo(lane);
        assertThat(envValue(container, "GENFLEET_WORKER_MAX_IN_FLIGHT")).isEqualTo(maxInFlight);
        assertThat(worker.getSpec().getReplicas()).isEqualTo(2);
        assertThat(worker.getSpec().getSelector().getMatchLabels()).containsEntry("genfleet.io/lane", lane);
        assertThat(container.getImage()).isEqualTo("genfleet-worker:0.1.0");
        assertThat(container.getPorts()).singleElement()
                .satisfies(port -> assertThat(port.getContainerPort()).isEqualTo(8082));
        assertThat(envValue(container, "SERVER_PORT")).isEqualTo("8082");
    }

    /** The services bind 127.0.0.1 by default (a laptop); in a pod, probes and Services come from outside. */
    @ParameterizedTest
    @CsvSource({"Deployment, producer", "Deployment, worker-image", "Deployment, worker-video", "StatefulSet, aggregator"})
    void everyServiceListensOnAllInterfacesOfItsPod(String kind, String name) {
        var template = "StatefulSet".equals(kind)
                ? manifests.one(StatefulSet.class, Chart.name(name)).getSpec().getTemplate()
                : manifests.one(Deployment.class, Chart.name(name)).getSpec().getTemplate();

        assertThat(envValue(container(template), "SERVER_ADDRESS")).isEqualTo("0.0.0.0");
    }

    @Test
    void laneSettingsAreIndependent() {
        Manifests custom = Chart.render(Chart.DEFAULT, """
                worker:
                  lanes:
                    image:
                      replicas: 5
                      maxInFlight: 4
                      resources: {requests: {cpu: "2", memory: 1Gi}}
                    video:
                      enabled: false
                """);

        Deployment image = custom.one(Deployment.class, Chart.name("worker-image"));
        assertThat(image.getSpec().getReplicas()).isEqualTo(5);
        assertThat(envValue(container(image.getSpec().getTemplate()), "GENFLEET_WORKER_MAX_IN_FLIGHT")).isEqualTo("4");
        assertThat(container(image.getSpec().getTemplate()).getResources().getRequests().get("cpu").toString()).isEqualTo("2");
        assertThat(custom.find(Deployment.class, Chart.name("worker-video"))).isEmpty();
        assertThat(custom.find(PodDisruptionBudget.class, Chart.name("worker-video"))).isEmpty();
    }

    @Test
    void producerCallsTheAggregatorServiceAndServesPort8080() {
        Deployment producer = manifests.one(Deployment.class, Chart.name("producer"));
        Container container = container(producer.getSpec().getTemplate());
        Service service = manifests.one(Service.class, Chart.name("producer"));

        assertThat(envValue(container, "GENFLEET_PRODUCER_STATUS_URL"))
                .isEqualTo("http://" + Chart.name("aggregator") + ".fleet.svc:8081");
        assertThat(container.getImage()).isEqualTo("genfleet-producer:0.1.0");
        assertThat(container.getPorts()).singleElement()
                .satisfies(port -> assertThat(port.getContainerPort()).isEqualTo(8080));
        assertThat(service.getSpec().getPorts()).singleElement()
                .satisfies(port -> assertThat(port.getPort()).isEqualTo(8080));
    }

    @Test
    void aggregatorKeepsItsStreamsStateOnAPersistentVolumePerInstance() {
        StatefulSet aggregator = manifests.one(StatefulSet.class, Chart.name("aggregator"));
        Container container = container(aggregator.getSpec().getTemplate());
        PersistentVolumeClaim claim = aggregator.getSpec().getVolumeClaimTemplates().get(0);
        String stateDir = envValue(container, "GENFLEET_AGGREGATOR_STATE_DIR");

        assertThat(aggregator.getSpec().getVolumeClaimTemplates()).hasSize(1);
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        assertThat(claim.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("2Gi");
        assertThat(container.getVolumeMounts())
                .anySatisfy(mount -> {
                    assertThat(mount.getName()).isEqualTo(claim.getMetadata().getName());
                    assertThat(mount.getMountPath()).isEqualTo(stateDir);
                });
        assertThat(stateDir).isEqualTo("/var/lib/genfleet/streams");
        assertThat(aggregator.getSpec().getTemplate().getSpec().getSecurityContext().getFsGroup())
                .as("the non-root user can write the volume").isEqualTo(10001L);
        assertThat(envValue(container, "GENFLEET_AGGREGATOR_BATCH_RETENTION"))
                .as("done batches leave the state after a week, so the volume and restores stay bounded").isEqualTo("7d");
    }

    @Test
    void aggregatorInstancesAdvertiseTheirStableNameBehindTheHeadlessService() {
        StatefulSet aggregator = manifests.one(StatefulSet.class, Chart.name("aggregator"));
        Container container = container(aggregator.getSpec().getTemplate());
        Service headless = manifests.one(Service.class, Chart.name("aggregator-headless"));

        assertThat(aggregator.getSpec().getServiceName()).isEqualTo(headless.getMetadata().getName());
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(container.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("POD_NAME");
            assertThat(env.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        });
        assertThat(envValue(container, "GENFLEET_AGGREGATOR_APPLICATION_SERVER"))
                .isEqualTo("$(POD_NAME)." + Chart.name("aggregator-headless") + ".fleet.svc:8081");
        assertThat(envIndex(container, "POD_NAME"))
                .as("$(POD_NAME) expands only if defined earlier")
                .isLessThan(envIndex(container, "GENFLEET_AGGREGATOR_APPLICATION_SERVER"));
        assertThat(envValue(container, "GENFLEET_AGGREGATOR_STANDBY_REPLICAS")).isEqualTo("1");
        assertThat(aggregator.getSpec().getReplicas()).isEqualTo(2);
        assertThat(manifests.one(Service.class, Chart.name("aggregator")).getSpec().getPorts())
                .singleElement().satisfies(port -> assertThat(port.getPort()).isEqualTo(8081));
    }

    @Test
    void everyServiceGetsTheCommonEnvironmentFromTheSharedConfigMap() {
        ConfigMap config = manifests.one(ConfigMap.class, Chart.name("config"));

        assertThat(config.getData())
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .containsEntry("GENFLEET_TOPICS_PREFIX", "genfleet.")
                .containsEntry("GENFLEET_TOPICS_PARTITIONS", "6")
                .containsEntry("GENFLEET_TOPICS_REPLICATION_FACTOR", "-1")
                .containsEntry("GENFLEET_TOPICS_CREATE", "false")
                .containsEntry("GENFLEET_TOPICS_RETRY_DELAYS", "2s,4s,8s")
                .containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "PLAINTEXT")
                .doesNotContainKeys("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SPRING_KAFKA_SSL_TRUST_STORE_LOCATION");
    }

    @Test
    void aConfigChangeRollsThePodsThroughTheChecksumAnnotation() {
        String before = checksum(manifests);
        String same = checksum(Chart.render(Chart.DEFAULT, "producer: {replicas: 3}"));
        String changed = checksum(Chart.render(Chart.DEFAULT, "kafka: {bootstrapServers: \"other:9092\"}"));

        assertThat(same).as("not config: no restart").isEqualTo(before);
        assertThat(changed).as("config changed: new checksum").isNotEqualTo(before);
    }

    @Test
    void imagesComeFromTheConfiguredRegistryWithPerServiceTags() {
        Manifests custom = Chart.render(Chart.DEFAULT, """
                image: {registry: "ghcr.io/acme/", tag: "1.2.3", pullSecrets: [ghcr-pull]}
                aggregator: {image: {repository: genfleet-status-aggregator, tag: "1.2.4"}}
                """);

        assertThat(container(custom.one(Deployment.class, Chart.name("producer")).getSpec().getTemplate()).getImage())
                .isEqualTo("ghcr.io/acme/genfleet-producer:1.2.3");
        assertThat(container(custom.one(StatefulSet.class, Chart.name("aggregator")).getSpec().getTemplate()).getImage())
                .isEqualTo("ghcr.io/acme/genfleet-status-aggregator:1.2.4");
        assertThat(custom.one(Deployment.class, Chart.name("worker-video")).getSpec().getTemplate().getSpec().getImagePullSecrets())
                .singleElement().satisfies(secret -> assertThat(secret.getName()).isEqualTo("ghcr-pull"));
    }

    @Test
    void eachWorkloadHasADisruptionBudgetThatStillLetsASinglePodDrain() {
        assertThat(manifests.all(PodDisruptionBudget.class))
                .extracting(budget -> budget.getMetadata().getName())
                .containsExactlyInAnyOrder(Chart.name("producer"), Chart.name("aggregator"),
                        Chart.name("worker-image"), Chart.name("worker-video"));
        assertThat(manifests.all(PodDisruptionBudget.class))
                .allSatisfy(budget -> {
                    assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
                    assertThat(budget.getSpec().getMinAvailable()).isNull();
                });
    }

    @Test
    void longNamesAreCutSoEveryResourceAndStatefulSetPodStaysAValidDnsLabel() {
        Manifests longNames = Chart.render(Chart.DEFAULT, "fullnameOverride: " + "a".repeat(60));

        assertThat(longNames.objects()).allSatisfy(object ->
                assertThat(object.getMetadata().getName()).hasSizeLessThanOrEqualTo(63));
        // A StatefulSet's pods get a controller-revision-hash label of "<name>-<10 chars>", also at most 63.
        assertThat(longNames.all(StatefulSet.class)).singleElement()
                .satisfies(statefulSet -> assertThat(statefulSet.getMetadata().getName()).hasSizeLessThanOrEqualTo(52));
        assertThat(longNames.find(Service.class, "a".repeat(40) + "-aggregator-headless")).isPresent();
    }

    private static String checksum(Manifests manifests) {
        return manifests.one(Deployment.class, Chart.name("producer"))
                .getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
    }
}
