package io.genfleet.bench.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoryboardsTest {

    @Test
    @SuppressWarnings("unchecked")
    void fillsScenesWithFiftyShotsAndTheLastWithTheRest() {
        Map<String, Object> board = Storyboards.shots("b1", 120, Map.of("latencyMs", 0));
        List<Map<String, Object>> scenes = (List<Map<String, Object>>) board.get("scenes");
        assertThat(board.get("batchId")).isEqualTo("b1");
        assertThat(scenes).hasSize(3);
        assertThat((List<?>) scenes.get(0).get("shots")).hasSize(50);
        assertThat((List<?>) scenes.get(2).get("shots")).hasSize(20);
        assertThat(((List<Map<String, Object>>) scenes.get(2).get("shots")).get(0)).containsKey("simulate");
        assertThat(Storyboards.shotKey(0)).isEqualTo("scene_0_shot_0");
        assertThat(Storyboards.shotKey(119)).isEqualTo("scene_2_shot_19");
    }

    @Test
    void staysWithinTheProducersLimits() {
        assertThat(Storyboards.MAX_ITEMS).isEqualTo(10_000);
        assertThatThrownBy(() -> Storyboards.shots("b", 10_001, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Storyboards.split(12_001, 5_000)).containsExactly(5_000, 5_000, 2_001);
    }
}
