package io.genfleet.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.item.Lane;
import io.genfleet.common.status.ErrorType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerMetricsTest {

    private static final List<Duration> DELAYS = List.of(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void everySeriesOfTheConfiguredLanesExistsAtZeroBeforeTheFirstAttempt() {
        new WorkerMetrics(registry, List.of(Lane.IMAGE), DELAYS);

        assertThat(registry.find("genfleet.generation.attempts").counters())
                .extracting(counter -> counter.getId().getTag("outcome"))
                .containsExactlyInAnyOrder("complete", "retry", "dead_letter");
        assertThat(registry.find("genfleet.retries.scheduled").counters())
                .extracting(counter -> counter.getId().getTag("tier"))
                .containsExactlyInAnyOrder("2000", "4000", "8000");
        assertThat(registry.find("genfleet.dead.letters").counters()).hasSize(ErrorType.values().length);
        assertThat(registry.find("genfleet.retries.early").counters()).hasSize(3);
        assertThat(registry.find("genfleet.retry.lateness").timers()).hasSize(3);
        assertThat(registry.find("genfleet.dead.letters.unreported").counters()).hasSize(1);
        assertThat(registry.getMeters()).allSatisfy(meter ->
                assertThat(meter.getId().getTag("lane")).as(meter.getId().getName()).isEqualTo("image"));
        assertThat(registry.find("genfleet.generation.attempts").counters())
                .allSatisfy(counter -> assertThat(counter.count()).isZero());
    }

    @Test
    void aRetryIsCountedInTheTierOfItsDelayAndAnEarlyStartIsCountedAsEarly() {
        WorkerMetrics metrics = new WorkerMetrics(registry, List.of(Lane.VIDEO), DELAYS);

        metrics.retryScheduled(Lane.VIDEO, Duration.ofSeconds(4));
        metrics.retryStarted(Lane.VIDEO, Duration.ofSeconds(4), Duration.ofMillis(-3));
        metrics.retryStarted(Lane.VIDEO, Duration.ofSeconds(4), Duration.ofMillis(40));

        assertThat(registry.get("genfleet.retries.scheduled").tags("lane", "video", "tier", "4000").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("genfleet.retries.early").tags("lane", "video", "tier", "4000").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("genfleet.retry.lateness").tags("lane", "video", "tier", "4000").timer().count())
                .isEqualTo(2);
        assertThat(registry.get("genfleet.retry.lateness").tags("lane", "video", "tier", "4000").timer()
                .max(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(40);
    }
}
