package io.genfleet.standalone.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.webhook.WebhookSettings;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Which secret a fleet signs its webhooks with: the configured one, else a new one on every start. */
class FleetWebhookSecretTest {

    @Test
    void withoutASecretANewOneIsGeneratedOnEveryStartAndTheAggregatorBindsIt() {
        StandardEnvironment environment = environment(Map.of());

        FleetWebhookSecret secret = FleetWebhookSecret.establishIn(environment);

        assertThat(secret.generated()).isTrue();
        assertThat(secret.value()).matches("[A-Za-z0-9_-]{43}");
        assertThat(aggregatorSecret(environment)).isEqualTo(secret.value());
        Set<String> secrets = IntStream.range(0, 100)
                .mapToObj(i -> FleetWebhookSecret.establishIn(environment(Map.of())).value()).collect(Collectors.toSet());
        assertThat(secrets).as("one per start, nothing kept").hasSize(100);
    }

    @Test
    void aSecretInTheVariableWinsAndNothingIsAdded() {
        StandardEnvironment environment = environment(Map.of("GENFLEET_WEBHOOKS_SECRET", "variable-secret-0123456789"));

        FleetWebhookSecret secret = FleetWebhookSecret.establishIn(environment);

        assertThat(secret).isEqualTo(new FleetWebhookSecret("variable-secret-0123456789", false));
        assertThat(environment.getPropertySources().contains(FleetWebhookSecret.GENERATED_SOURCE)).isFalse();
        assertThat(aggregatorSecret(environment)).isEqualTo("variable-secret-0123456789");
    }

    @Test
    void aSecretInTheFleetSettingsWins() {
        StandardEnvironment environment = environment(Map.of());
        environment.getPropertySources().addLast(new MapPropertySource("fleet-settings",
                Map.of(FleetWebhookSecret.PROPERTY, "settings-secret-0123456789")));

        assertThat(FleetWebhookSecret.establishIn(environment))
                .isEqualTo(new FleetWebhookSecret("settings-secret-0123456789", false));
    }

    /** A blank variable configures no secret: the aggregator would deliver nothing, so one is generated over it. */
    @Test
    void aBlankVariableConfiguresNoSecretSoTheGeneratedOneHidesIt() {
        StandardEnvironment environment = environment(Map.of("GENFLEET_WEBHOOKS_SECRET", " "));

        FleetWebhookSecret secret = FleetWebhookSecret.establishIn(environment);

        assertThat(secret.generated()).isTrue();
        assertThat(aggregatorSecret(environment)).isEqualTo(secret.value());
    }

    @Test
    void toStringNeverShowsTheSecret() {
        FleetWebhookSecret secret = FleetWebhookSecret.establishIn(environment(Map.of()));

        assertThat(secret.toString()).doesNotContain(secret.value());
    }

    /** An environment whose process variables are {@code variables} (none of the test JVM's). */
    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        variables));
        return environment;
    }

    /** The secret as the aggregator gets it: its settings record bound from the environment. */
    private static String aggregatorSecret(StandardEnvironment environment) {
        return Binder.get(environment).bindOrCreate("genfleet.webhooks", WebhookSettings.class).secret();
    }
}
