package io.genfleet.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void nearestRankPercentiles() {
        List<Integer> values = List.of(15, 20, 35, 40, 50);
        assertThat(Stats.percentile(values, 30)).isEqualTo(20);
        assertThat(Stats.percentile(values, 40)).isEqualTo(20);
        assertThat(Stats.percentile(values, 50)).isEqualTo(35);
        assertThat(Stats.percentile(values, 100)).isEqualTo(50);
        assertThat(Stats.percentile(List.of(7L), 99)).isEqualTo(7);
    }

    @Test
    void p99OfAHundredValuesIsTheSecondLargest() {
        List<Integer> values = java.util.stream.IntStream.rangeClosed(1, 100).boxed().toList();
        assertThat(Stats.percentile(values, 99)).isEqualTo(99);
    }

    @Test
    void noValuesHaveNoPercentile() {
        assertThat(Stats.percentile(List.of(), 50)).isNaN();
        assertThatThrownBy(() -> Stats.percentile(List.of(1), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void runsAreSummarizedAsMedianWithMinAndMaxIgnoringMissingValues() {
        assertThat(Stats.summarize(3, 1, 2)).isEqualTo(new Stats.Summary(2, 1, 3, 3));
        assertThat(Stats.summarize(4, 1, 2, 3)).isEqualTo(new Stats.Summary(2.5, 1, 4, 4));
        assertThat(Stats.summarize(5, Double.NaN)).isEqualTo(new Stats.Summary(5, 5, 5, 1));
        assertThat(Stats.summarize().runs()).isZero();
    }
}
