package io.genfleet.producer.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * One page of dead letters, newest first, from a scan of the lanes' dead-letter topics: a pure function. The
 * cursor is the position of the page's last record (time, topic, partition, offset), so records dead-lettered
 * meanwhile do not shift the next page.
 */
public final class DeadLetterPage {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** Newest first; records of the same millisecond by topic, partition and offset (newest offset first). */
    static final Comparator<DeadLetter> NEWEST_FIRST = Comparator.comparing(DeadLetter::at).reversed()
            .thenComparing(letter -> letter.ref().topic())
            .thenComparingInt(letter -> letter.ref().partition())
            .thenComparing(Comparator.comparingLong((DeadLetter letter) -> letter.ref().offset()).reversed());

    private DeadLetterPage() {
    }

    /** @param after null for the first page, else a cursor handed out earlier */
    public static Page of(List<DeadLetter> letters, DeadLetterFilter filter, int limit, Position after) {
        List<DeadLetter> matching = letters.stream()
                .filter(filter::matches)
                .filter(letter -> after == null || after.isBefore(letter))
                .sorted(NEWEST_FIRST)
                .limit(limit + 1L)
                .toList();
        if (matching.size() <= limit) {
            return new Page(matching, null);
        }
        List<DeadLetter> page = matching.subList(0, limit);
        return new Page(page, Position.of(page.get(limit - 1)).encode());
    }

    public record Page(List<DeadLetter> letters, String nextCursor) {
    }

    /** Where a page ended. */
    public record Position(Instant at, String topic, int partition, long offset) {

        static Position of(DeadLetter letter) {
            return new Position(letter.at(), letter.ref().topic(), letter.ref().partition(), letter.ref().offset());
        }

        /** Whether the letter comes after this position in {@link #NEWEST_FIRST} order. */
        boolean isBefore(DeadLetter letter) {
            int at = letter.at().compareTo(this.at);
            if (at != 0) {
                return at < 0;
            }
            int topic = letter.ref().topic().compareTo(this.topic);
            if (topic != 0) {
                return topic > 0;
            }
            if (letter.ref().partition() != partition) {
                return letter.ref().partition() > partition;
            }
            return letter.ref().offset() < offset;
        }

        String encode() {
            String plain = at.toEpochMilli() + "/" + partition + "/" + offset + "/" + topic;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        }

        /** @throws IllegalArgumentException when the text is not a cursor this listing handed out */
        public static Position decode(String text) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("/", 4);
                return new Position(Instant.ofEpochMilli(Long.parseLong(parts[0])), parts[3],
                        Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("must be the nextCursor of an earlier answer", e);
            }
        }
    }
}
