package io.genfleet.standalone.console;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** GENFLEET_CONSOLE_GRAFANA_URL binds, and only an http(s) URL passes the start-up check. */
class ConsoleSettingsTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void anHttpsUrlFromTheEnvironmentIsTheLink() {
        ConsoleSettings settings = bind(Map.of("GENFLEET_CONSOLE_GRAFANA_URL", " https://grafana.example/d/genfleet "));

        assertThat(VALIDATOR.validate(settings)).isEmpty();
        assertThat(settings.grafanaLink()).isEqualTo("https://grafana.example/d/genfleet");
    }

    @Test
    void nothingConfiguredIsNoLink() {
        ConsoleSettings settings = bind(Map.of());

        assertThat(VALIDATOR.validate(settings)).isEmpty();
        assertThat(settings.grafanaLink()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "data:text/html,x", "ftp://grafana.example/", "grafana.example/d",
            "https:///no-host", "http://user:secret@grafana.example/", "https://grafana example/"})
    void anythingButAnAbsoluteHttpUrlIsRefusedWithTheSettingsName(String value) {
        Set<ConstraintViolation<ConsoleSettings>> violations =
                VALIDATOR.validate(bind(Map.of("GENFLEET_CONSOLE_GRAFANA_URL", value)));

        assertThat(violations).extracting(ConstraintViolation::getMessage).singleElement().asString()
                .contains("GENFLEET_CONSOLE_GRAFANA_URL", "http://");
    }

    private static ConsoleSettings bind(Map<String, Object> environment) {
        Binder binder = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource("env", environment)));
        return binder.bindOrCreate("genfleet.console", ConsoleSettings.class);
    }
}
