package io.genfleet.helm;

import static io.genfleet.helm.support.Pods.container;
import static io.genfleet.helm.support.Pods.env;
import static io.genfleet.helm.support.Pods.envValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.genfleet.helm.support.Chart;
import io.genfleet.helm.support.Manifests;
import org.junit.jupiter.api.Test;

/**
 * Webhooks: the aggregator delivers, signed with a key that comes from a Secret only; the URL policy (http, private
 * addresses) is shared with the producer, which checks a storyboard's notify URL with it.
 */
class WebhooksTest {

    private static Container aggregator(Manifests manifests) {
        return container(manifests.podTemplates().get("StatefulSet/" + Chart.name("aggregator")));
    }

    @Test
    void aDefaultRenderHasNoSigningKeyAndTheStrictUrlPolicy() {
        Manifests manifests = Chart.render(Chart.DEFAULT);

        assertThat(env(aggregator(manifests), "GENFLEET_WEBHOOKS_SECRET")).as("nothing delivered without a key")
                .isEmpty();
        assertThat(envValue(aggregator(manifests), "GENFLEET_WEBHOOKS_EVENTS"))
                .isEqualTo("batch.done,item.failed_permanent");
        assertThat(envValue(aggregator(manifests), "GENFLEET_WEBHOOKS_PROGRESS_INTERVAL")).isEqualTo("10s");
        assertThat(manifests.one(ConfigMap.class, Chart.name("config")).getData())
                .containsEntry("GENFLEET_WEBHOOKS_ALLOW_HTTP", "false")
                .containsEntry("GENFLEET_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", "false");
    }

    @Test
    void aNamedSecretSignsAndTheDeploymentWideReceiverIsPassedOn() {
        Manifests manifests = Chart.render(Chart.DEFAULT, """
                webhooks: {existingSecret: hooks, url: "https://hooks.example.com/genfleet", events: [batch.done],
                           retryWindow: 15m, progressInterval: 30s}
                """);

        var secret = env(aggregator(manifests), "GENFLEET_WEBHOOKS_SECRET").orElseThrow()
                .getValueFrom().getSecretKeyRef();
        assertThat(secret.getName()).isEqualTo("hooks");
        assertThat(secret.getKey()).isEqualTo("webhook-secret");
        assertThat(envValue(aggregator(manifests), "GENFLEET_WEBHOOKS_URL")).isEqualTo("https://hooks.example.com/genfleet");
        assertThat(envValue(aggregator(manifests), "GENFLEET_WEBHOOKS_EVENTS")).isEqualTo("batch.done");
        assertThat(envValue(aggregator(manifests), "GENFLEET_WEBHOOKS_RETRY_WINDOW")).isEqualTo("15m");
        assertThat(envValue(aggregator(manifests), "GENFLEET_WEBHOOKS_PROGRESS_INTERVAL")).isEqualTo("30s");
    }

    @Test
    void anEventTheFleetDoesNotSendIsRefused() {
        assertThatThrownBy(() -> Chart.templateText(Chart.DEFAULT, "webhooks: {events: [batch.started]}"))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("webhooks.events.0");
    }
}
