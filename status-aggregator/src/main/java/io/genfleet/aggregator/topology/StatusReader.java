package io.genfleet.aggregator.topology;

import io.genfleet.common.json.JsonSerde;
import io.genfleet.common.status.StatusEvent;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads status records inside the topology rather than in a source deserializer, so that an unreadable
 * record can be written to the dead-letter topic in the same exactly-once transaction that commits its
 * offset (Kafka Streams 4.1 has no dead-letter queue for deserialization errors; KIP-1034 comes with 4.2).
 * A record is refused when its JSON is invalid, its schemaVersion unknown, or its key is not the event's
 * {@code {batchId}/{itemKey}} (the item store is keyed, and partitioned, by that id).
 */
final class StatusReader implements FixedKeyProcessor<String, byte[], StatusRead> {

    private static final Logger log = LoggerFactory.getLogger(StatusReader.class);

    private final Deserializer<StatusEvent> deserializer;
    private final StatusTopologyListener listener;
    private FixedKeyProcessorContext<String, StatusRead> context;

    StatusReader(Deserializer<StatusEvent> deserializer, StatusTopologyListener listener) {
        this.deserializer = deserializer;
        this.listener = listener;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, StatusRead> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        String failure;
        try {
            StatusEvent event = deserializer.deserialize(topic(), record.value());
            failure = check(record.key(), event);
            if (failure == null) {
                context.forward(record.withValue(StatusRead.readable(event)));
                return;
            }
        } catch (SerializationException e) {
            // InvalidMessageException from genfleet's serde: bad JSON, unknown schemaVersion, invalid fields.
            failure = e.getMessage();
        }
        deadLetter(record, failure);
    }

    private String topic() {
        return context.recordMetadata().map(RecordMetadata::topic).orElse(null);
    }

    private static String check(String key, StatusEvent event) {
        if (event == null) {
            return "status record without a value (tombstone)";
        }
        String itemId = event.itemId().toString();
        if (!itemId.equals(key)) {
            return "record key '" + key + "' is not the event's item id '" + itemId + "'";
        }
        return null;
    }

    private void deadLetter(FixedKeyRecord<String, byte[]> record, String failure) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        String topic = source == null ? "" : source.topic();
        int partition = source == null ? -1 : source.partition();
        long offset = source == null ? -1 : source.offset();
        log.warn("Unreadable status record {}-{}@{} sent to the dead-letter topic: {} (value: {})",
                topic, partition, offset, failure, JsonSerde.preview(record.value()));
        listener.unreadable(topic, partition, offset, failure);
        context.forward(record
                .withValue(StatusRead.unreadable(record.value(), failure))
                .withHeaders(StatusDeadLetter.headers(record.headers(), topic, partition, offset, record.timestamp(), failure)));
    }
}
