package io.genfleet.aggregator.topology;

import io.genfleet.aggregator.webhook.WebhookDelivery;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.status.StatusPartitioning;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.common.topic.TopicSpec;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/**
 * A record the aggregator writes in its own exactly-once transaction: a held item's request (to its lane topic),
 * a status event it decided itself ({@code dependency_failed}, to the status topic, on the batch's partition) or a
 * webhook delivery (to the webhooks topic, keyed by batch id).
 *
 * @param topic   where it goes
 * @param batchId the batch (the status topic's partitioning key)
 * @param status  whether it goes to the status topic
 * @param value   the serialized value
 */
record Emission(String topic, String batchId, boolean status, byte[] value) {

    static Emission request(TopicCatalog catalog, GenerationRequest request) {
        TopicSpec<String, GenerationRequest> lane = catalog.requests(request.lane());
        return new Emission(lane.name(), request.batchId(), false,
                lane.valueSerde().serializer().serialize(lane.name(), request));
    }

    static Emission status(TopicCatalog catalog, StatusEvent event) {
        TopicSpec<String, StatusEvent> status = catalog.status();
        return new Emission(status.name(), event.batchId(), true,
                status.valueSerde().serializer().serialize(status.name(), event));
    }

    static Emission webhook(TopicCatalog catalog, String batchId, WebhookDelivery delivery) {
        return new Emission(catalog.webhooks(), batchId, false,
                WebhookDelivery.SERDE.serializer().serialize(catalog.webhooks(), delivery));
    }

    static final TopicNameExtractor<String, Emission> TOPIC = (key, emission, context) -> emission.topic();

    /** Writes the value as serialized; the record's key stays {@code {batchId}/{itemKey}}. Never read back. */
    static final Serde<Emission> SERDE = Serdes.serdeFrom((topic, emission) -> emission.value(),
            (topic, bytes) -> {
                throw new UnsupportedOperationException("emissions are written, never read");
            });

    /**
     * Status events on their batch's partition (as every writer of the status topic does); requests by key hash, as
     * the producer writes them, and webhook deliveries by the hash of their key, the batch id (an empty answer means
     * Kafka's default partitioner).
     */
    static final StreamPartitioner<String, Emission> PARTITIONER = (topic, key, emission, partitions) ->
            emission.status()
                    ? Optional.of(Set.of(StatusPartitioning.partitionOf(emission.batchId(), partitions)))
                    : Optional.empty();
}
