package io.genfleet.worker.generation;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.Lane;
import io.genfleet.common.json.InvalidMessageException;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.common.topic.TopicSpec;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * Reads a request record of a lane chain (lane, delay or dead-letter topic), consumed as raw bytes so that
 * an unreadable record reaches the listener instead of failing in the consumer. Anything that is not a
 * request of this lane for exactly the item its key names fails with {@link InvalidMessageException},
 * which is never retried: the record goes to the dead-letter topic unchanged, with the reason.
 */
@Component("workerRequestReader")
public class RequestReader {

    /** Keys are {@code {batchId}/{itemKey}}: a 64-character batch id plus a short item key. */
    static final int MAX_KEY_BYTES = 256;

    private final TopicCatalog catalog;

    public RequestReader(TopicCatalog catalog) {
        this.catalog = catalog;
    }

    public GenerationRequest read(ConsumerRecord<byte[], byte[]> record) {
        Lane lane = catalog.laneOf(record.topic()).orElseThrow(() ->
                new IllegalStateException("topic " + record.topic() + " belongs to no lane"));
        ItemId key = readKey(record.key());
        if (record.value() == null) {
            throw new InvalidMessageException("record for " + key + " has no value (a tombstone is not a request)");
        }
        TopicSpec<String, GenerationRequest> spec = catalog.requests(lane);
        GenerationRequest request = spec.valueSerde().deserializer().deserialize(record.topic(), record.value());
        if (!request.itemId().equals(key)) {
            throw new InvalidMessageException("record key " + key + " does not match the request's item "
                    + request.itemId());
        }
        if (request.lane() != lane) {
            throw new InvalidMessageException("item " + key + " belongs to the " + request.lane() + " lane, not "
                    + lane);
        }
        return request;
    }

    private static ItemId readKey(byte[] key) {
        if (key == null) {
            throw new InvalidMessageException("record has no key, expected {batchId}/{itemKey}");
        }
        if (key.length > MAX_KEY_BYTES) {
            throw new InvalidMessageException("record key of " + key.length + " bytes exceeds " + MAX_KEY_BYTES);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(key)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidMessageException("record key is not UTF-8", e);
        }
        try {
            return ItemId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException("invalid record key: " + e.getMessage(), e);
        }
    }
}
