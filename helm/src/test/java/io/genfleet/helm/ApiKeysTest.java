package io.genfleet.helm;

import static io.genfleet.helm.support.Pods.container;
import static io.genfleet.helm.support.Pods.env;
import static io.genfleet.helm.support.Pods.envValue;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.genfleet.helm.support.Chart;
import io.genfleet.helm.support.Manifests;
import org.junit.jupiter.api.Test;

/**
 * The producer's API keys come only from a Secret: by default an optional one with a fixed name (the install works,
 * the producer fails closed until it exists), or the named one, then required. Only the producer gets them.
 */
class ApiKeysTest {

    private static final String KEYS = "GENFLEET_API_KEYS";
    private static final String ANONYMOUS = "GENFLEET_SECURITY_ALLOW_ANONYMOUS";

    @Test
    void aDefaultRenderWiresTheProducerToTheOptionalDefaultSecret() {
        Manifests manifests = Chart.render(Chart.DEFAULT);

        SecretKeySelector ref = secretRef(producer(manifests));
        assertThat(ref.getName()).isEqualTo(Chart.name("api-keys"));
        assertThat(ref.getKey()).isEqualTo("api-keys");
        assertThat(ref.getOptional()).as("the install works before the Secret exists").isTrue();
        assertThat(env(producer(manifests), ANONYMOUS)).as("fail closed by default").isEmpty();
    }

    @Test
    void aNamedSecretIsRequired() {
        SecretKeySelector ref = secretRef(producer(Chart.render("sasl-ssl")));

        assertThat(ref.getName()).isEqualTo("genfleet-api-keys");
        assertThat(ref.getOptional()).as("a typo must stop the pod, not open the API").isNotEqualTo(Boolean.TRUE);
    }

    @Test
    void onlyTheProducerGetsTheKeys() {
        Chart.render("sasl-ssl").podTemplates().forEach((workload, pod) -> {
            if (!workload.equals("Deployment/" + Chart.name("producer"))) {
                assertThat(env(container(pod), KEYS)).as(workload + " serves no mutating endpoint").isEmpty();
            }
        });
    }

    @Test
    void allowAnonymousIsAnExplicitOptOut() {
        Container producer = producer(Chart.render(Chart.DEFAULT, "apiKeys: {allowAnonymous: true}"));

        assertThat(envValue(producer, ANONYMOUS)).isEqualTo("true");
        assertThat(secretRef(producer).getOptional()).isTrue();
    }

    @Test
    void theNotesSayThatADefaultInstallRefusesPostsUntilTheSecretExists() {
        assertThat(Chart.notes(Chart.DEFAULT)).contains("fail closed")
                .contains("create secret generic " + Chart.name("api-keys"))
                .contains("Authorization: Bearer");
        assertThat(Chart.notes("sasl-ssl")).doesNotContain("fail closed")
                .contains("with a key from Secret genfleet-api-keys");
    }

    private static Container producer(Manifests manifests) {
        return container(manifests.podTemplates().get("Deployment/" + Chart.name("producer")));
    }

    private static SecretKeySelector secretRef(Container container) {
        EnvVar variable = env(container, KEYS).orElseThrow(() -> new AssertionError("no " + KEYS));
        return variable.getValueFrom().getSecretKeyRef();
    }
}
