package io.genfleet.worker.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.item.Lane;
import io.genfleet.worker.provider.httpjob.HttpJobPreset;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Binding and validation of {@code genfleet.providers.*}: a bad value stops the start-up with a clear message. */
class ProvidersSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ProvidersSettings.class)
    static class Bind {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
                    ValidationAutoConfiguration.class))
            .withUserConfiguration(Bind.class);

    @Test
    void bothLanesAreSimulatedByDefault() {
        runner.run(context -> {
            ProvidersSettings settings = context.getBean(ProvidersSettings.class);
            assertThat(settings.of(Lane.IMAGE).type()).isEqualTo(ProviderType.SIMULATED);
            assertThat(settings.of(Lane.VIDEO).type()).isEqualTo(ProviderType.SIMULATED);
            assertThat(settings.of(Lane.VIDEO).attemptTimeout(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        });
    }

    @Test
    void kebabCaseTypesAndPresetsBind() {
        runner.withPropertyValues("genfleet.providers.image.type=openai-images",
                        "genfleet.providers.image.base-url=https://api.openai.com",
                        "genfleet.providers.image.api-key-env=OPENAI_API_KEY",
                        "genfleet.providers.video.type=http-job",
                        "genfleet.providers.video.http-job.preset=luma",
                        "genfleet.providers.video.model=ray-2")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ProvidersSettings settings = context.getBean(ProvidersSettings.class);
                    assertThat(settings.image().type()).isEqualTo(ProviderType.OPENAI_IMAGES);
                    assertThat(settings.image().attemptTimeout(Duration.ofSeconds(30))).isEqualTo(Duration.ofMinutes(5));
                    assertThat(settings.video().httpJob().preset()).isEqualTo(HttpJobPreset.LUMA);
                    assertThat(settings.video().effectiveBaseUrl()).isEqualTo(URI.create("https://api.lumalabs.ai"));
                    assertThat(settings.video().httpJob().effectiveStatusPointer()).isEqualTo("/state");
                    assertThat(settings.video().attemptTimeout(Duration.ofSeconds(30))).isEqualTo(Duration.ofMinutes(30));
                });
    }

    @Test
    void theReadmesEnvironmentVariablesBind() {
        // As in the README: dashes of property names spelled as underscores.
        Map<String, Object> environment = Map.of(
                "GENFLEET_PROVIDERS_IMAGE_TYPE", "openai-images",
                "GENFLEET_PROVIDERS_IMAGE_BASE_URL", "https://api.openai.com",
                "GENFLEET_PROVIDERS_IMAGE_API_KEY_ENV", "OPENAI_API_KEY",
                "GENFLEET_PROVIDERS_IMAGE_REQUEST_TIMEOUT", "90s",
                "GENFLEET_PROVIDERS_VIDEO_TYPE", "http-job",
                "GENFLEET_PROVIDERS_VIDEO_HTTP_JOB_PRESET", "replicate",
                "GENFLEET_PROVIDERS_VIDEO_HTTP_JOB_POLL_MAX", "30s",
                "GENFLEET_PROVIDERS_VIDEO_BREAKER_OPEN_FOR", "1m");
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("test-systemEnvironment", environment)))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ProvidersSettings settings = context.getBean(ProvidersSettings.class);
                    assertThat(settings.image().type()).isEqualTo(ProviderType.OPENAI_IMAGES);
                    assertThat(settings.image().baseUrl()).isEqualTo(URI.create("https://api.openai.com"));
                    assertThat(settings.image().apiKeyEnv()).isEqualTo("OPENAI_API_KEY");
                    assertThat(settings.image().requestTimeout()).isEqualTo(Duration.ofSeconds(90));
                    assertThat(settings.video().httpJob().preset()).isEqualTo(HttpJobPreset.REPLICATE);
                    assertThat(settings.video().httpJob().pollMax()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(settings.video().breaker().openFor()).isEqualTo(Duration.ofMinutes(1));
                });
    }

    @Test
    void theFleetWideLimitsBindFromTheEnvironmentAndAreOffByDefault() {
        Map<String, Object> environment = Map.of(
                "GENFLEET_PROVIDERS_IMAGE_RATE_LIMIT_REQUESTS_PER_SECOND", "7.5",
                "GENFLEET_PROVIDERS_IMAGE_MAX_CONCURRENCY", "12");
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("test-systemEnvironment", environment)))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ProvidersSettings settings = context.getBean(ProvidersSettings.class);
                    assertThat(settings.image().rateLimit().requestsPerSecond()).isEqualTo(7.5);
                    assertThat(settings.image().rateLimit().limited()).isTrue();
                    assertThat(settings.image().maxConcurrency()).isEqualTo(12);
                    assertThat(settings.video().rateLimit().limited()).isFalse();
                    assertThat(settings.video().maxConcurrency()).isNull();
                });
    }

    @Test
    void aNegativeRateOrAZeroCapFailsTheStartUpNamingTheSetting() {
        runner.withPropertyValues("genfleet.providers.image.rate-limit.requests-per-second=-1")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("rateLimit.requestsPerSecond"));
        runner.withPropertyValues("genfleet.providers.video.max-concurrency=0")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("maxConcurrency"));
    }

    @Test
    void anOpenAiLaneWithoutABaseUrlFailsTheStartUp() {
        runner.withPropertyValues("genfleet.providers.image.type=openai-images").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("base-url is required"));
    }

    @Test
    void anHttpJobWithoutPresetNamesWhatIsMissing() {
        runner.withPropertyValues("genfleet.providers.video.type=http-job",
                "genfleet.providers.video.base-url=https://jobs.example.com",
                "genfleet.providers.video.http-job.submit-path=/jobs").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("http-job needs a preset"));
    }

    @Test
    void twoKeySourcesAreRefused() {
        runner.withPropertyValues("genfleet.providers.image.type=openai-images",
                "genfleet.providers.image.base-url=https://api.openai.com",
                "genfleet.providers.image.api-key=sk-1", "genfleet.providers.image.api-key-env=OPENAI_API_KEY").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("at most one of api-key"));
    }
}
