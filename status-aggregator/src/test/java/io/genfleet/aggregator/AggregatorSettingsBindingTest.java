package io.genfleet.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The environment the Helm chart gives each aggregator pod binds to these settings, and passes their checks. */
class AggregatorSettingsBindingTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void theChartsEnvironmentBindsToTheSettings() {
        // As rendered by helm/genfleet/templates/aggregator-statefulset.yaml, after Kubernetes expands $(POD_NAME).
        AggregatorSettings settings = bind(Map.of(
                "GENFLEET_AGGREGATOR_APPLICATION_SERVER",
                "genfleet-genfleet-aggregator-1.genfleet-genfleet-aggregator-headless.fleet.svc:8081",
                "GENFLEET_AGGREGATOR_STATE_DIR", "/var/lib/genfleet/streams",
                "GENFLEET_AGGREGATOR_STANDBY_REPLICAS", "1",
                "GENFLEET_AGGREGATOR_HISTORY_LIMIT", "50"));

        assertThat(VALIDATOR.validate(settings)).isEmpty();
        assertThat(settings.routesQueries()).isTrue();
        assertThat(HostInfo.buildFromEndpoint(settings.applicationServer()))
                .isEqualTo(new HostInfo("genfleet-genfleet-aggregator-1.genfleet-genfleet-aggregator-headless.fleet.svc", 8081));
        assertThat(settings.stateDir()).isEqualTo("/var/lib/genfleet/streams");
        assertThat(settings.standbyReplicas()).isEqualTo(1);
        assertThat(settings.forwardTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void withoutAnApplicationServerTheInstanceAnswersAlone() {
        AggregatorSettings settings = bind(Map.of());

        assertThat(VALIDATOR.validate(settings)).isEmpty();
        assertThat(settings.routesQueries()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"aggregator-0", "http://aggregator-0:8081", "aggregator-0:8081/api", "aggregator 0:8081"})
    void anApplicationServerThatIsNotHostColonPortIsRefused(String value) {
        AggregatorSettings settings = bind(Map.of("GENFLEET_AGGREGATOR_APPLICATION_SERVER", value));

        assertThat(VALIDATOR.validate(settings)).extracting(violation -> violation.getPropertyPath().toString())
                .containsExactly("applicationServer");
    }

    private static AggregatorSettings bind(Map<String, Object> environment) {
        Binder binder = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource("env", environment)));
        return binder.bindOrCreate("genfleet.aggregator", AggregatorSettings.class);
    }
}
