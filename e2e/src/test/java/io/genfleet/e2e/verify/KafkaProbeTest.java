package io.genfleet.e2e.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KafkaProbeTest {

    @Test
    void workerGroupsAreTheLaneGroupPlusTheTopicSuffix() {
        assertThat(KafkaProbe.groupOf("genfleet.image.requests")).isEqualTo("genfleet-worker-image");
        assertThat(KafkaProbe.groupOf("genfleet.video.requests-retry-4000")).isEqualTo("genfleet-worker-video-retry-4000");
        assertThat(KafkaProbe.groupOf("genfleet.image.requests-dlt")).isEqualTo("genfleet-worker-image-dlt");
    }

    @Test
    void providerCallsHappenOnLaneAndDelayTopicsOnly() {
        assertThat(KafkaProbe.workerTopics()).hasSize(10);
        assertThat(KafkaProbe.callingTopics()).hasSize(8).noneMatch(topic -> topic.endsWith("-dlt"));
    }
}
