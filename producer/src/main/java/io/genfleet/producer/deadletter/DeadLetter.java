package io.genfleet.producer.deadletter;

import io.genfleet.common.item.Lane;
import io.genfleet.common.json.InvalidMessageException;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.DeadLetterRef;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.topic.ChainHeaders;
import io.genfleet.common.topic.TopicCatalog;
import java.time.Instant;
import java.util.OptionalInt;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record of a lane's dead-letter topic as the replay tools see it.
 *
 * @param ref        where it lies
 * @param lane       the lane whose dead-letter topic holds it
 * @param key        its key ({@code {batchId}/{itemKey}}), or null
 * @param request    its request, or null when it cannot be read (then {@code unreadable} says why)
 * @param unreadable why the request cannot be read, or null
 * @param attempts   the attempts made in its epoch ({@value ChainHeaders#ATTEMPTS}), or null when absent
 * @param errorType  the last failure's type ({@value ChainHeaders#ERROR_TYPE}), or null when absent or unknown
 * @param message    the last failure's message ({@code kafka_dlt-exception-message}), or ""
 * @param at         when it was dead-lettered (the record's timestamp)
 */
public record DeadLetter(DeadLetterRef ref, Lane lane, String key, GenerationRequest request, String unreadable,
                         Integer attempts, ErrorType errorType, String message, Instant at) {

    public static DeadLetter of(ConsumerRecord<String, byte[]> record, TopicCatalog catalog) {
        Lane lane = catalog.laneOf(record.topic()).orElseThrow(() ->
                new IllegalArgumentException("topic " + record.topic() + " belongs to no lane"));
        GenerationRequest request = null;
        String unreadable = null;
        try {
            if (record.value() == null) {
                throw new InvalidMessageException("no value");
            }
            request = catalog.requests(lane).valueSerde().deserializer().deserialize(record.topic(), record.value());
            if (!request.itemId().toString().equals(record.key())) {
                unreadable = "key " + record.key() + " does not match the request's item " + request.itemId();
                request = null;
            } else if (request.lane() != lane) {
                unreadable = "item " + request.itemId() + " is not of the " + lane + " lane";
                request = null;
            }
        } catch (InvalidMessageException | IllegalArgumentException e) {
            unreadable = e.getMessage();
        }
        OptionalInt attempts = ChainHeaders.attempts(record.headers());
        return new DeadLetter(new DeadLetterRef(record.topic(), record.partition(), record.offset()), lane,
                record.key(), request, unreadable,
                attempts.isPresent() ? attempts.getAsInt() : null, ChainHeaders.errorType(record.headers()).orElse(null),
                ChainHeaders.text(record.headers(), ChainHeaders.EXCEPTION_MESSAGE).orElse(""),
                Instant.ofEpochMilli(record.timestamp()));
    }

    public boolean readable() {
        return request != null;
    }

    /** The batch, from the request or else from the key; null when neither tells. */
    public String batchId() {
        if (request != null) {
            return request.batchId();
        }
        int slash = key == null ? -1 : key.indexOf('/');
        return slash > 0 ? key.substring(0, slash) : null;
    }

    /** The item key, from the request or else from the key; null when neither tells. */
    public String itemKey() {
        if (request != null) {
            return request.itemKey();
        }
        int slash = key == null ? -1 : key.indexOf('/');
        return slash > 0 ? key.substring(slash + 1) : null;
    }
}
