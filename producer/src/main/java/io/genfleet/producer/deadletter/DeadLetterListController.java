package io.genfleet.producer.deadletter;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.Lane;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.producer.ProducerSettings;
import io.genfleet.producer.web.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/dead-letters?lane=&batchId=&errorType=&limit=&cursor=}: the records of the lanes' dead-letter
 * topics, newest first, with the reason and the attempts. Each request scans the topics up to their current end
 * (as the operators' {@code dlt list} does): meant for a console, not for polling many times a second.
 */
@RestController("producerDeadLetterListController")
public class DeadLetterListController {

    /** One dead letter as the console shows it; {@code unreadable} says why a record's request cannot be read. */
    record Entry(String batchId, String itemKey, String lane, Integer epoch, Integer attempts, String errorType,
                 String message, Instant at, String topic, int partition, long offset, String unreadable) {

        static Entry of(DeadLetter letter) {
            String key = letter.key();
            String itemKey = letter.request() != null ? letter.request().itemKey().toString()
                    : key != null && key.indexOf('/') > 0 ? key.substring(key.indexOf('/') + 1) : null;
            return new Entry(letter.batchId(), itemKey, letter.lane().wireName(),
                    letter.request() == null ? null : letter.request().epoch(), letter.attempts(),
                    letter.errorType() == null ? null : letter.errorType().wireName(), letter.message(), letter.at(),
                    letter.ref().topic(), letter.ref().partition(), letter.ref().offset(), letter.unreadable());
        }
    }

    record DeadLetterList(List<Entry> deadLetters, String nextCursor) {
    }

    private final DeadLetterReader reader;
    private final Duration timeout;

    public DeadLetterListController(KafkaProperties kafka, TopicCatalog topics, ProducerSettings settings) {
        this.reader = new DeadLetterReader(kafka.buildConsumerProperties(), topics);
        this.timeout = settings.replay().claimWait();
    }

    @GetMapping("/api/dead-letters")
    public DeadLetterList list(@RequestParam(required = false) String lane,
                               @RequestParam(required = false) String batchId,
                               @RequestParam(required = false) String errorType,
                               @RequestParam(required = false) String limit,
                               @RequestParam(required = false) String cursor) {
        DeadLetterFilter filter = new DeadLetterFilter(lanes(lane), batch(batchId), errorType(errorType), null, null);
        int size = limit(limit);
        DeadLetterPage.Position after = cursor(cursor);
        List<DeadLetter> letters;
        try {
            letters = reader.scan(filter.lanes(), timeout);
        } catch (RuntimeException e) {
            throw new DeadLettersUnreadableException(e);
        }
        DeadLetterPage.Page page = DeadLetterPage.of(letters, filter, size, after);
        return new DeadLetterList(page.letters().stream().map(Entry::of).toList(), page.nextCursor());
    }

    private static Set<Lane> lanes(String lane) {
        if (blank(lane)) {
            return Set.of();
        }
        try {
            return Set.of(Lane.fromWireName(lane.strip()));
        } catch (IllegalArgumentException e) {
            throw invalid("lane", e.getMessage());
        }
    }

    private static String batch(String batchId) {
        if (blank(batchId)) {
            return null;
        }
        if (!ItemId.BATCH_ID.matcher(batchId.strip()).matches()) {
            throw invalid("batchId", "must match " + ItemId.BATCH_ID.pattern());
        }
        return batchId.strip();
    }

    private static ErrorType errorType(String type) {
        if (blank(type)) {
            return null;
        }
        try {
            return ErrorType.fromWireName(type.strip());
        } catch (IllegalArgumentException e) {
            throw invalid("errorType", "must be one of "
                    + Arrays.stream(ErrorType.values()).map(ErrorType::wireName).toList());
        }
    }

    private static int limit(String text) {
        if (blank(text)) {
            return DeadLetterPage.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= DeadLetterPage.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid("limit", "must be a whole number from 1 to " + DeadLetterPage.MAX_LIMIT);
    }

    private static DeadLetterPage.Position cursor(String text) {
        if (blank(text)) {
            return null;
        }
        try {
            return DeadLetterPage.Position.decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw invalid("cursor", e.getMessage());
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static InvalidRequestException invalid(String parameter, String message) {
        return new InvalidRequestException("Invalid dead-letter query", parameter, message);
    }
}
