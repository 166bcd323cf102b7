package io.genfleet.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.genfleet.helm.support.Chart;
import io.genfleet.helm.support.Manifests;
import io.genfleet.helm.support.Pods;
import io.genfleet.helm.support.UnknownFields;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What must hold for the default values and every ci/*-values.yaml scenario: Helm lints and renders it,
 * every object is a valid Kubernetes object, and every pod runs locked down and probed.
 */
class ChartScenariosTest {

    static List<String> scenarios() {
        return Chart.scenarios();
    }

    @Test
    void everyDocumentedScenarioIsTested() {
        assertThat(Chart.scenarios())
                .containsExactlyInAnyOrder("default", "keda", "minimal", "no-monitoring", "sasl-ssl", "strimzi-topics");
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void helmLintFindsNoError(String scenario) {
        LintResult lint = Chart.lint(scenario);

        assertThat(lint.getMessages()).noneMatch(message -> message.contains("[ERROR]"));
        assertThat(lint.isFailed()).as("lint of %s: %s", scenario, lint.getMessages()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyRenderedObjectIsAKnownKubernetesObjectWithoutUnknownFields(String scenario) {
        Manifests manifests = Chart.render(scenario);

        assertThat(manifests.objects()).isNotEmpty();
        for (HasMetadata object : manifests.objects()) {
            assertThat(object.getApiVersion()).as("apiVersion of %s", object.getMetadata().getName()).isNotBlank();
            assertThat(object.getMetadata().getNamespace()).as("namespace of %s", object.getMetadata().getName()).isNotBlank();
            if (!(object instanceof GenericKubernetesResource)) {
                assertThat(UnknownFields.in(object)).as("fields the model does not know").isEmpty();
            }
            if (!"KafkaTopic".equals(object.getKind())) {
                assertThat(object.getMetadata().getName()).as("a DNS label").matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyPodRunsAsNonRootOnAReadOnlyRootWithoutCapabilities(String scenario) {
        Map<String, PodTemplateSpec> pods = Chart.render(scenario).podTemplates();

        assertThat(pods).isNotEmpty();
        pods.forEach((workload, pod) -> {
            assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).as(workload).isTrue();
            assertThat(pod.getSpec().getHostNetwork()).as(workload).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getSpec().getAutomountServiceAccountToken()).as(workload).isFalse();
            Container container = Pods.container(pod);
            SecurityContext security = container.getSecurityContext();
            assertThat(security.getReadOnlyRootFilesystem()).as(workload).isTrue();
            assertThat(security.getAllowPrivilegeEscalation()).as(workload).isFalse();
            assertThat(security.getCapabilities().getDrop()).as(workload).containsExactly("ALL");
            assertThat(container.getVolumeMounts()).as(workload)
                    .anyMatch(mount -> mount.getMountPath().equals("/tmp") && mount.getName().equals("tmp"));
            assertThat(pod.getSpec().getVolumes()).as(workload)
                    .anyMatch(volume -> volume.getName().equals("tmp") && volume.getEmptyDir() != null);
            assertThat(container.getPorts()).as(workload).allMatch(port -> port.getHostPort() == null);
            assertThat(container.getResources().getRequests()).as(workload).containsKeys("cpu", "memory");
        });
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyServicePodIsProbedOnTheActuatorHealthGroupsAndScrapable(String scenario) {
        Manifests manifests = Chart.render(scenario);
        List<PodTemplateSpec> services = manifests.podTemplates().entrySet().stream()
                .filter(entry -> !entry.getKey().startsWith("Job/"))
                .map(Map.Entry::getValue)
                .toList();

        assertThat(services).hasSize(4);
        for (PodTemplateSpec pod : services) {
            Container container = Pods.container(pod);
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
            assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(container.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
            assertThat(pod.getMetadata().getAnnotations()).containsKey("checksum/config");
            assertThat(container.getEnvFrom()).singleElement()
                    .satisfies(source -> assertThat(source.getConfigMapRef().getName()).isEqualTo(Chart.name("config")));
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void servicesStayInsideTheClusterAndSelectPodsThatExist(String scenario) {
        Manifests manifests = Chart.render(scenario);
        List<Map<String, String>> podLabels = manifests.podTemplates().values().stream()
                .map(pod -> pod.getMetadata().getLabels())
                .toList();

        for (Service service : manifests.all(Service.class)) {
            assertThat(service.getSpec().getType()).as(service.getMetadata().getName()).isIn("ClusterIP", null);
            assertThat(podLabels).as("pods selected by %s", service.getMetadata().getName())
                    .anyMatch(labels -> labels.entrySet().containsAll(service.getSpec().getSelector().entrySet()));
        }
        for (PodDisruptionBudget budget : manifests.all(PodDisruptionBudget.class)) {
            assertThat(podLabels).as("pods covered by %s", budget.getMetadata().getName())
                    .anyMatch(labels -> labels.entrySet().containsAll(budget.getSpec().getSelector().getMatchLabels().entrySet()));
        }
        for (Deployment deployment : manifests.all(Deployment.class)) {
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        }
        for (StatefulSet statefulSet : manifests.all(StatefulSet.class)) {
            assertThat(statefulSet.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(statefulSet.getSpec().getSelector().getMatchLabels());
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void installNotesTellHowToReachTheApi(String scenario) {
        String notes = Chart.notes(scenario);

        assertThat(notes)
                .contains("kubectl -n fleet port-forward svc/" + Chart.name("producer") + " 8080:8080")
                .contains("kubectl -n fleet port-forward svc/" + Chart.name("aggregator") + " 8081:8081")
                .contains("curl -s -H \"Authorization: Bearer $GENFLEET_API_KEY\" http://127.0.0.1:8081/api/batches/<batchId>");
    }
}
