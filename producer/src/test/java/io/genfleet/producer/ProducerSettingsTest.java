package io.genfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

class ProducerSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ProducerSettings.class)
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Test
    void documentedDefaultsApplyWithoutAnyProperty() {
        runner.run(context -> assertThat(context.getBean(ProducerSettings.class)).isEqualTo(ProducerSettings.defaults()));
    }

    @Test
    void bindsTheHelmChartPropertyNames() {
        runner.withPropertyValues("genfleet.producer.status-url=http://aggregator:8081",
                        "genfleet.producer.limits.max-scenes=10", "genfleet.producer.limits.max-shots-per-scene=3",
                        "genfleet.producer.limits.max-prompt-length=100")
                .run(context -> {
                    ProducerSettings settings = context.getBean(ProducerSettings.class);
                    assertThat(settings.statusUrl()).hasToString("http://aggregator:8081");
                    assertThat(settings.limits().maxScenes()).isEqualTo(10);
                    assertThat(settings.limits().maxShotsPerScene()).isEqualTo(3);
                    assertThat(settings.limits().maxPromptLength()).isEqualTo(100);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"genfleet.producer.limits.max-scenes=0", "genfleet.producer.limits.max-prompt-length=-1",
            "genfleet.producer.limits.max-request-size=10B", "genfleet.producer.kafka.delivery-timeout=1s",
            "genfleet.producer.kafka.transaction-timeout=30s",
            "genfleet.producer.kafka.max-block=0s", "genfleet.producer.kafka.concurrent-transactions=0"})
    void nonsenseFailsAtStartUp(String property) {
        runner.withPropertyValues(property).run(context -> assertThat(context).hasFailed());
    }
}
