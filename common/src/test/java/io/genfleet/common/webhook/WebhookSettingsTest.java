package io.genfleet.common.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {

    private static WebhookSettings timing(Duration initial, Duration max, Duration window) {
        return new WebhookSettings("s", false, false, "", List.of("batch.done"), Duration.ofSeconds(1), initial, max,
                window, 4, Duration.ofSeconds(10));
    }

    @Test
    void theBackoffDoublesUpToItsMaximumAndEndsExactlyAtTheWindow() {
        List<Duration> waits = timing(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(20)).backoff();

        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(4), Duration.ofSeconds(4), Duration.ofSeconds(4), Duration.ofSeconds(1));
        assertThat(waits.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aZeroWindowMeansOneAttempt() {
        assertThat(timing(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO).backoff()).isEmpty();
    }

    @Test
    void theDeploymentWideReceiverMustPassTheUrlPolicyAndNameKnownEvents() {
        WebhookSettings loopback = new WebhookSettings("s", false, false, "https://127.0.0.1/hook",
                List.of("batch.done"), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1, Duration.ofSeconds(10));
        WebhookSettings unknownEvent = new WebhookSettings("s", false, false, "", List.of("batch.started"),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 1,
                Duration.ofSeconds(10));
        WebhookSettings progress = new WebhookSettings("s", false, false, "", List.of("batch.progress"),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 1,
                Duration.ofSeconds(10));

        assertThat(loopback.isUrlAllowed()).isFalse();
        assertThat(loopback.global()).isEqualTo(new Notify("https://127.0.0.1/hook", List.of("batch.done")));
        assertThat(unknownEvent.isEventsKnown()).isFalse();
        assertThat(progress.isEventsKnown()).isTrue();
        assertThat(WebhookSettings.defaults().progressInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(WebhookSettings.defaults().global()).isNull();
        assertThat(WebhookSettings.defaults().isUrlAllowed()).isTrue();
    }
}
