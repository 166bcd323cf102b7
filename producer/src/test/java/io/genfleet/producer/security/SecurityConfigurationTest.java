package io.genfleet.producer.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.producer.ProducerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/** Start-up: short keys stop it with a clear message; no key and the opt-out are both said out loud. */
@ExtendWith(OutputCaptureExtension.class)
class SecurityConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(SecurityConfiguration.class)
            .withBean(ProducerMetrics.class, () -> new ProducerMetrics(new SimpleMeterRegistry()));

    @Test
    void startUpRefusesAKeyShorterThan16Characters() {
        runner.withPropertyValues("genfleet.api-keys=short-key-123").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("genfleet.api-keys (GENFLEET_API_KEYS): key #1 of 1 has 13 characters")
                    .hasMessageContaining("at least 16")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short-key-123"));
        });
    }

    @Test
    void startsWithKeysAndLogsOnlyTheirCount(CapturedOutput output) {
        runner.withPropertyValues("genfleet.api-keys=a-valid-key-0123456789,another-key-0123456789").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(FilterRegistrationBean.class);
            assertThat(output.getAll()).contains("2 key(s) accepted").doesNotContain("a-valid-key-0123456789");
        });
    }

    @Test
    void warnsWhenNoKeyIsConfigured(CapturedOutput output) {
        runner.run(context -> assertThat(output.getAll()).contains("WARN")
                .contains("No API key configured (GENFLEET_API_KEYS): every POST/PUT/PATCH/DELETE is refused with 503"));
    }

    @Test
    void warnsLoudlyWhenAnonymousChangesAreAllowed(CapturedOutput output) {
        runner.withPropertyValues("genfleet.security.allow-anonymous=true").run(context -> assertThat(output.getAll())
                .contains("WARN").contains("genfleet.security.allow-anonymous=true and no API key configured"));
    }
}
