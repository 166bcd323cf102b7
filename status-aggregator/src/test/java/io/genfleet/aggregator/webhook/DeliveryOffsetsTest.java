package io.genfleet.aggregator.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class DeliveryOffsetsTest {

    private static final TopicPartition P0 = new TopicPartition("genfleet.webhooks", 0);
    private static final TopicPartition P1 = new TopicPartition("genfleet.webhooks", 1);

    private final DeliveryOffsets offsets = new DeliveryOffsets();

    @Test
    void aSlowDeliveryHoldsBackTheCommitOfItsPartitionOnly() {
        offsets.started(P0, 10);
        offsets.started(P0, 11);
        offsets.started(P0, 12);
        offsets.started(P1, 5);
        offsets.ended(P0, 11);
        offsets.ended(P0, 12);
        offsets.ended(P1, 5);

        // Expected: partition 0 waits for offset 10 (still running); partition 1 commits past 5.
        assertThat(offsets.committable()).isEqualTo(Map.of(P1, new OffsetAndMetadata(6)));
        assertThat(offsets.inFlight()).isEqualTo(1);

        offsets.ended(P0, 10);

        assertThat(offsets.committable()).isEqualTo(Map.of(P0, new OffsetAndMetadata(13)));
        assertThat(offsets.committable()).as("nothing twice").isEmpty();
        assertThat(offsets.inFlight()).isZero();
    }

    @Test
    void aRevokedPartitionIsForgottenAndItsLateEndsIgnored() {
        offsets.started(P0, 1);
        offsets.forget(List.of(P0));
        offsets.ended(P0, 1);

        assertThat(offsets.committable()).isEmpty();
        assertThat(offsets.inFlight()).isZero();
    }
}
