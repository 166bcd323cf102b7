package io.genfleet.worker.inflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class CompletedOffsetsTest {

    @Test
    void theOffsetsDoneAboveTheCommitRoundTrip() {
        String metadata = CompletedOffsets.encode(1_000, List.of(1_001L, 1_002L, 1_500L));
        assertThat(metadata).startsWith(CompletedOffsets.PREFIX);
        assertThat(CompletedOffsets.decode(1_000, metadata)).containsExactly(1_001L, 1_002L, 1_500L);
    }

    @Test
    void nothingDoneIsEmptyMetadataAndForeignOrBrokenMetadataMeansNothingKnown() {
        assertThat(CompletedOffsets.encode(5, List.of())).isEmpty();
        assertThat(CompletedOffsets.decode(5, "")).isEmpty();
        assertThat(CompletedOffsets.decode(5, null)).isEmpty();
        assertThat(CompletedOffsets.decode(5, "someone else's note")).isEmpty();
        assertThat(CompletedOffsets.decode(5, CompletedOffsets.PREFIX + "***")).isEmpty();
    }

    @Test
    void aWideGapIsCutToTheLimitSoTheCommitStaysUnderTheBrokersMetadataLimit() {
        List<Long> done = LongStream.range(1, 40_000).boxed().toList();
        String metadata = CompletedOffsets.encode(0, done);
        assertThat(metadata.length()).as("Kafka's offset.metadata.max.bytes is 4096 by default").isLessThan(4_096);
        assertThat(CompletedOffsets.decode(0, metadata)).hasSize(CompletedOffsets.MAX_BITS - 1)
                .as("the records beyond the limit are repeated, never skipped").doesNotContain((long) CompletedOffsets.MAX_BITS);
    }
}
