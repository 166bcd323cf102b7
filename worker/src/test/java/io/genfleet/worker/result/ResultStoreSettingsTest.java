package io.genfleet.worker.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** Binding of {@code genfleet.results.*}: local by default, S3 with what it needs, a clear stop without it. */
class ResultStoreSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ResultStoreSettings.class)
    static class Bind {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
                    ValidationAutoConfiguration.class))
            .withUserConfiguration(Bind.class);

    @Test
    void resultsAreLocalByDefault() {
        runner.run(context -> {
            ResultStoreSettings settings = context.getBean(ResultStoreSettings.class);
            assertThat(settings.type()).isEqualTo(ResultStoreSettings.Type.LOCAL);
            assertThat(settings.dir()).isEqualTo(Path.of("genfleet-results"));
            assertThat(settings.s3().checksums()).isEqualTo(ResultStoreSettings.Checksums.WHEN_SUPPORTED);
        });
    }

    @Test
    void anS3CompatibleBucketBindsFromKebabCase() {
        runner.withPropertyValues("genfleet.results.type=s3", "genfleet.results.s3.bucket=assets",
                        "genfleet.results.s3.prefix=genfleet/", "genfleet.results.s3.endpoint=http://127.0.0.1:9000",
                        "genfleet.results.s3.path-style-access=true",
                        "genfleet.results.s3.public-base-url=https://cdn.example.com",
                        "genfleet.results.s3.checksums=when-required")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ResultStoreSettings.S3 s3 = context.getBean(ResultStoreSettings.class).s3();
                    assertThat(s3.bucket()).isEqualTo("assets");
                    assertThat(s3.prefix()).isEqualTo("genfleet/");
                    assertThat(s3.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
                    assertThat(s3.pathStyleAccess()).isTrue();
                    assertThat(s3.publicBaseUrl()).isEqualTo(URI.create("https://cdn.example.com"));
                    assertThat(s3.checksums()).isEqualTo(ResultStoreSettings.Checksums.WHEN_REQUIRED);
                });
    }

    @Test
    void aPrefixIsAFolderOfTheBucket() {
        runner.withPropertyValues("genfleet.results.type=s3", "genfleet.results.s3.bucket=assets",
                "genfleet.results.s3.prefix=/prod/genfleet").run(context -> assertThat(
                context.getBean(ResultStoreSettings.class).s3().prefix()).isEqualTo("prod/genfleet/"));
    }

    @Test
    void s3WithoutABucketStopsTheStartUpNamingTheSetting() {
        runner.withPropertyValues("genfleet.results.type=s3").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("genfleet.results.s3.bucket"));
    }

    @Test
    void anEndpointThatIsNotAnAbsoluteUrlStopsTheStartUp() {
        runner.withPropertyValues("genfleet.results.type=s3", "genfleet.results.s3.bucket=assets",
                "genfleet.results.s3.endpoint=minio:9000/x").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("genfleet.results.s3.endpoint"));
    }
}
