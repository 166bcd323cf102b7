package io.genfleet.producer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** How {@code genfleet.api-keys} binds: from the environment variable, trimmed, blanks dropped, short keys refused. */
class ApiKeySettingsTest {

    @Test
    void theEnvironmentVariableGenfleetApiKeysBindsByRelaxedBinding() {
        // The property source Spring Boot builds from the process environment, with its relaxed-binding name mapping.
        ApiKeySettings settings = bindEnvironment(Map.of(
                "GENFLEET_API_KEYS", "env-key-0123456789abcdef,other-key-0123456789ab",
                "GENFLEET_SECURITY_ALLOW_ANONYMOUS", "true"));

        assertThat(settings.apiKeys()).containsExactly("env-key-0123456789abcdef", "other-key-0123456789ab");
        assertThat(settings.security().allowAnonymous()).isTrue();
    }

    @Test
    void blankEntriesAndSpacesAreDropped() {
        ApiKeySettings settings = bindEnvironment(Map.of("GENFLEET_API_KEYS", " ,key-one-0123456789abc , ,"));

        assertThat(settings.apiKeys()).containsExactly("key-one-0123456789abc");
    }

    @Test
    void nothingConfiguredMeansNoKeysAndNoOptOut() {
        ApiKeySettings settings = bindEnvironment(Map.of());

        assertThat(settings.apiKeys()).isEmpty();
        assertThat(settings.security().allowAnonymous()).isFalse();
    }

    @Test
    void aShortKeyIsRefusedWithAMessageThatDoesNotRevealIt() {
        assertThatThrownBy(() -> bindEnvironment(Map.of("GENFLEET_API_KEYS", "long-enough-0123456789,tiny-secret")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("key #2 of 2 has 11 characters")
                .hasMessageContaining("at least 16")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("tiny-secret"));
    }

    private static ApiKeySettings bindEnvironment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addLast(new MapPropertySource("empty", Map.of()));
        ConfigurationPropertySources.attach(environment);
        return Binder.get(environment).bindOrCreate("genfleet", ApiKeySettings.class);
    }
}
