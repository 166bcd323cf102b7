package io.genfleet.common.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.item.Lane;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TopicCatalogTest {

    private final TopicCatalog catalog = TopicCatalog.defaults();

    @Test
    void namesEveryTopicAsTheContractDoes() {
        assertThat(catalog.chain(Lane.IMAGE)).containsExactly("genfleet.image.requests",
                "genfleet.image.requests-retry-2000", "genfleet.image.requests-retry-4000",
                "genfleet.image.requests-retry-8000", "genfleet.image.requests-dlt");
        assertThat(catalog.status().name()).isEqualTo("genfleet.status");
        assertThat(catalog.replayClaims()).isEqualTo("genfleet.replay-claims");
        assertThat(catalog.all()).hasSize(15).doesNotHaveDuplicates()
                .contains("genfleet.replay-claims", "genfleet.webhooks", "genfleet.webhooks-dlt");
    }

    @Test
    void theAttemptFollowsFromTheTopic() {
        assertThat(catalog.attemptOf("genfleet.video.requests")).contains(1);
        assertThat(catalog.attemptOf("genfleet.video.requests-retry-8000")).contains(4);
        assertThat(catalog.attemptOf("genfleet.video.requests-dlt")).isEmpty();
        assertThat(catalog.laneOf("genfleet.video.requests-dlt")).contains(Lane.VIDEO);
        assertThat(catalog.delayAfter(1)).contains(Duration.ofSeconds(2));
        assertThat(catalog.delayAfter(3)).contains(Duration.ofSeconds(8));
        assertThat(catalog.delayAfter(4)).as("the fourth attempt is the last").isEmpty();
        assertThat(catalog.maxAttempts()).isEqualTo(4);
    }

    @Test
    void thePrefixIsConfigurable() {
        TopicCatalog custom = new TopicCatalog("acme-", java.util.List.of(Duration.ofMillis(500)));
        assertThat(custom.chain(Lane.IMAGE)).containsExactly("acme-image.requests", "acme-image.requests-retry-500",
                "acme-image.requests-dlt");
    }

    @Test
    void theWorkersGroupOfEachTopicIsTheLanesGroupPlusTheTopicsSuffix() {
        TopicCatalog catalog = TopicCatalog.defaults();
        assertThat(catalog.chain(Lane.IMAGE).stream()
                        .map(topic -> catalog.workerGroup(Lane.IMAGE, topic)).toList())
                .containsExactly("genfleet-worker-image", "genfleet-worker-image-retry-2000",
                        "genfleet-worker-image-retry-4000", "genfleet-worker-image-retry-8000", "genfleet-worker-image-dlt");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> catalog.workerGroup(Lane.VIDEO, "genfleet.image.requests"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
