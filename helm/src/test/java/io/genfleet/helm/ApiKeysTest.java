package io.genfleet.helm;

import static io.genfleet.helm.support.Pods.container;
import static io.genfleet.helm.support.Pods.env;
import static io.genfleet.helm.support.Pods.envValue;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.genfleet.helm.support.Chart;
import io.genfleet.helm.support.Manifests;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The API keys come only from a Secret, mounted as a file that the services re-read when it changes: by default an
 * optional Secret with a fixed name (the install works, the API fails closed until it exists), or the named one,
 * then required. The producer and the aggregator get them (every /api route needs a key); the workers do not. The
 * aggregator also gets the internal secret of its instance-to-instance routes.
 */
class ApiKeysTest {

    private static final String KEYS_FILE = "GENFLEET_API_KEYS_FILE";
    private static final String ANONYMOUS = "GENFLEET_SECURITY_ALLOW_ANONYMOUS";
    private static final String INTERNAL = "GENFLEET_INTERNAL_SECRET";

    @Test
    void aDefaultRenderMountsTheOptionalDefaultSecretOnBothApiServices() {
        Manifests manifests = Chart.render(Chart.DEFAULT);

        for (String workload : List.of("Deployment/" + Chart.name("producer"), "StatefulSet/" + Chart.name("aggregator"))) {
            PodSpec pod = manifests.podTemplates().get(workload).getSpec();
            assertThat(envValue(container(manifests.podTemplates().get(workload)), KEYS_FILE)).as(workload)
                    .isEqualTo("/etc/genfleet/api-keys/api-keys");
            assertThat(pod.getVolumes()).as(workload).anySatisfy(volume -> {
                assertThat(volume.getName()).isEqualTo("api-keys");
                assertThat(volume.getSecret().getSecretName()).isEqualTo(Chart.name("api-keys"));
                assertThat(volume.getSecret().getOptional()).as("the install works before the Secret exists").isTrue();
            });
            assertThat(container(manifests.podTemplates().get(workload)).getVolumeMounts()).as(workload)
                    .anySatisfy(mount -> {
                        assertThat(mount.getName()).isEqualTo("api-keys");
                        assertThat(mount.getMountPath()).isEqualTo("/etc/genfleet/api-keys");
                        assertThat(mount.getReadOnly()).isTrue();
                    });
            assertThat(env(container(manifests.podTemplates().get(workload)), ANONYMOUS)).as("fail closed").isEmpty();
        }
    }

    @Test
    void aNamedSecretIsRequired() {
        Volume keys = volume(Chart.render("sasl-ssl"), "Deployment/" + Chart.name("producer"));

        assertThat(keys.getSecret().getSecretName()).isEqualTo("genfleet-api-keys");
        assertThat(keys.getSecret().getOptional()).as("a typo must stop the pod, not open the API")
                .isNotEqualTo(Boolean.TRUE);
    }

    @Test
    void theWorkersGetNoKeys() {
        Chart.render("sasl-ssl").podTemplates().forEach((workload, pod) -> {
            if (workload.contains("worker")) {
                assertThat(env(container(pod), KEYS_FILE)).as(workload + " serves no API").isEmpty();
            }
        });
    }

    @Test
    void theAggregatorGetsTheInternalSecretFromItsSecret() {
        Manifests manifests = Chart.render(Chart.DEFAULT, "internalSecret: {existingSecret: peers, key: shared}");

        SecretKeySelector ref = env(container(manifests.podTemplates().get("StatefulSet/" + Chart.name("aggregator"))),
                INTERNAL).orElseThrow().getValueFrom().getSecretKeyRef();
        assertThat(ref.getName()).isEqualTo("peers");
        assertThat(ref.getKey()).isEqualTo("shared");
        assertThat(env(container(manifests.podTemplates().get("Deployment/" + Chart.name("producer"))), INTERNAL))
                .as("only the aggregator instances talk to each other").isEmpty();
    }

    @Test
    void allowAnonymousIsAnExplicitOptOut() {
        Container producer = container(Chart.render(Chart.DEFAULT, "apiKeys: {allowAnonymous: true}").podTemplates()
                .get("Deployment/" + Chart.name("producer")));

        assertThat(envValue(producer, ANONYMOUS)).isEqualTo("true");
    }

    @Test
    void theNotesSayThatADefaultInstallRefusesRequestsUntilTheSecretsExist() {
        assertThat(Chart.notes(Chart.DEFAULT)).contains("fail closed")
                .contains("create secret generic " + Chart.name("api-keys"))
                .contains("create secret generic " + Chart.name("internal"))
                .contains("Authorization: Bearer");
        assertThat(Chart.notes("sasl-ssl")).doesNotContain("fail closed")
                .contains("with a key from Secret genfleet-api-keys");
    }

    private static Volume volume(Manifests manifests, String workload) {
        return manifests.podTemplates().get(workload).getSpec().getVolumes().stream()
                .filter(volume -> volume.getName().equals("api-keys")).findFirst()
                .orElseThrow(() -> new AssertionError("no api-keys volume in " + workload));
    }
}
