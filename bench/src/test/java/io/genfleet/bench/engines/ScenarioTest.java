package io.genfleet.bench.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    @Test
    void slowTailMakesExactlyOneRecordInEveryHundredSlow() {
        for (int block = 0; block < 50; block++) {
            int first = block * Scenario.SLOW_ONE_IN;
            long slow = IntStream.range(first, first + Scenario.SLOW_ONE_IN).filter(Scenario::isSlow).count();
            assertThat(slow).as("block %d", block).isEqualTo(1);
        }
        assertThat(Scenario.slowCount(2_000)).isEqualTo(20);
        assertThat(Scenario.slowCount(120)).as("the first block always has one").isGreaterThanOrEqualTo(1);
    }

    @Test
    void slowRecordsFallOnEveryPartitionOfSix() {
        // Records go round-robin to 6 partitions: a fixed position per block would hit only every other partition.
        Set<Integer> partitions = new HashSet<>();
        IntStream.range(0, 2_000).filter(Scenario::isSlow).forEach(index -> partitions.add(index % 6));
        assertThat(partitions).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    }

    @Test
    void theSameRecordWaitsTheSameInEveryScenarioItIsSlowIn() {
        int slow = IntStream.range(0, 100).filter(Scenario::isSlow).findFirst().orElseThrow();
        assertThat(Scenario.SLOW_TAIL.latencyOf(slow)).isEqualTo(Duration.ofSeconds(3));
        assertThat(Scenario.SLOW_TAIL.latencyOf(slow + 1 == 100 ? slow - 1 : slow + 1)).isEqualTo(Duration.ofMillis(200));
        assertThat(Scenario.UNIFORM.latencyOf(slow)).isEqualTo(Duration.ofMillis(200));
        assertThat(Scenario.NO_OP.latencyOf(slow)).isEqualTo(Duration.ZERO);
    }

    @Test
    void idealIsWavesOfTheLimitPlusTheSlowCall() {
        assertThat(Scenario.UNIFORM.idealSeconds(2_000, 1_000)).isEqualTo(0.4);
        assertThat(Scenario.SLOW_TAIL.idealSeconds(2_000, 1_000)).isEqualTo(3.4);
    }

    @Test
    void keysCarryTheRecordIndex() {
        assertThat(RecordKeys.index(RecordKeys.key(0))).isZero();
        assertThat(RecordKeys.index(RecordKeys.key(1_999))).isEqualTo(1_999);
    }
}
