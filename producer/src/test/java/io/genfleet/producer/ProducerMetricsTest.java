package io.genfleet.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.item.Lane;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProducerMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ProducerMetrics metrics = new ProducerMetrics(registry);

    @Test
    void everySeriesExistsAtZeroBeforeTheFirstRequest() {
        assertThat(registry.find("genfleet.requests.rejected").counters())
                .extracting(counter -> counter.getId().getTag("reason"))
                .containsExactlyInAnyOrder("invalid", "too_large", "conflict", "unavailable", "error", "unauthorized",
                        "forbidden", "rate_limited");
        assertThat(registry.find("genfleet.items.requeued").counters())
                .extracting(counter -> counter.getId().getTag("source"))
                .containsExactlyInAnyOrder("retry_failed", "dlt_replay");
        assertThat(registry.find("genfleet.items.submitted").counters()).hasSize(2);
        assertThat(registry.get("genfleet.batches.submitted").counter().count()).isZero();
    }

    @Test
    void anAcceptedBatchCountsItsItemsPerLaneAndRequeuesCountBySource() {
        metrics.accepted(List.of(Lane.IMAGE, Lane.IMAGE, Lane.VIDEO));
        metrics.requeued(ProducerMetrics.Requeue.RETRY_FAILED, 3);

        assertThat(registry.get("genfleet.batches.submitted").counter().count()).isEqualTo(1);
        assertThat(registry.get("genfleet.items.submitted").tag("lane", "image").counter().count()).isEqualTo(2);
        assertThat(registry.get("genfleet.items.submitted").tag("lane", "video").counter().count()).isEqualTo(1);
        assertThat(registry.get("genfleet.items.requeued").tag("source", "retry_failed").counter().count()).isEqualTo(3);
    }
}
