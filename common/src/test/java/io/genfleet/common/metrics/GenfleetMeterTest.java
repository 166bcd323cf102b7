package io.genfleet.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenfleetMeterTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void everyMeterIsUniqueAndNeverTaggedByBatchOrItem() {
        assertThat(Arrays.stream(GenfleetMeter.values()).map(GenfleetMeter::meterName)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(GenfleetMeter.values()).flatMap(m -> m.tagKeys().stream()))
                .doesNotContain("batchId", "batch_id", "itemKey", "item_key");
    }

    @Test
    void registersWithTheDeclaredTags() {
        GenfleetMeter.RETRIES_SCHEDULED.counter(registry, "image", "2000").increment();
        GenfleetMeter.GENERATION_DURATION.timer(registry, "video").record(Duration.ofSeconds(3));
        assertThat(registry.get("genfleet.retries.scheduled").tag("lane", "image").tag("tier", "2000").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.get("genfleet.generation.duration").tag("lane", "video").timer().count()).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({
            // meter, smallest bucket, largest bucket (seconds)
            "GENERATION_DURATION, 0.05, 600",
            "RETRY_LATENESS, 0.005, 5",
            "BATCH_COMPLETION, 1, 21600",
            "STATUS_EVENT_LAG, 0.01, 1800"})
    void eachTimerHasBucketsForTheScaleItMeasures(GenfleetMeter meter, double smallest, double largest) {
        String[] tags = java.util.Collections.nCopies(meter.tagKeys().size(), "x").toArray(String[]::new);
        double[] buckets = Arrays.stream(meter.timer(registry, tags).takeSnapshot().histogramCounts())
                .mapToDouble(bucket -> bucket.bucket(java.util.concurrent.TimeUnit.SECONDS)).toArray();

        assertThat(buckets).isSorted();
        assertThat(buckets[0]).isEqualTo(smallest);
        assertThat(buckets[buckets.length - 1]).isEqualTo(largest);
    }

    @Test
    void refusesTheWrongNumberOfTags() {
        assertThatIllegalArgumentException().isThrownBy(() -> GenfleetMeter.DEAD_LETTERS.counter(registry, "image"))
                .withMessageContaining("[lane, error_type]");
    }
}
