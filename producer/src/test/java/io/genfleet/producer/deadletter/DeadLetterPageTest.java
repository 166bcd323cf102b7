package io.genfleet.producer.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genfleet.common.item.Lane;
import io.genfleet.common.status.DeadLetterRef;
import io.genfleet.common.status.ErrorType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeadLetterPageTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final String IMAGE_DLT = "genfleet.image.requests-dlt";
    private static final String VIDEO_DLT = "genfleet.video.requests-dlt";

    @Test
    void newestFirstAndPagedWithoutSkippingOrRepeatingRecordsOfTheSameMillisecond() {
        List<DeadLetter> letters = new ArrayList<>();
        for (int offset = 0; offset < 5; offset++) {
            letters.add(letter(IMAGE_DLT, 0, offset, "b1", ErrorType.TRANSIENT, offset / 2));
        }
        letters.add(letter(VIDEO_DLT, 1, 0, "b2", ErrorType.TIMEOUT, 2));

        List<String> seen = new ArrayList<>();
        DeadLetterPage.Position cursor = null;
        do {
            DeadLetterPage.Page page = DeadLetterPage.of(letters, DeadLetterFilter.any(), 2, cursor);
            page.letters().forEach(letter -> seen.add(letter.ref().toString()));
            cursor = page.nextCursor() == null ? null : DeadLetterPage.Position.decode(page.nextCursor());
        } while (cursor != null);

        // Seconds: offsets 0,1 → 0; 2,3 → 1; 4 and the video letter → 2 (topic names order the tie).
        assertThat(seen).containsExactly(IMAGE_DLT + "/0/4", VIDEO_DLT + "/1/0", IMAGE_DLT + "/0/3",
                IMAGE_DLT + "/0/2", IMAGE_DLT + "/0/1", IMAGE_DLT + "/0/0");
    }

    @Test
    void theFilterChoosesLaneBatchAndErrorType() {
        List<DeadLetter> letters = List.of(letter(IMAGE_DLT, 0, 0, "b1", ErrorType.TRANSIENT, 0),
                letter(IMAGE_DLT, 0, 1, "b2", ErrorType.PERMANENT, 1), letter(VIDEO_DLT, 0, 0, "b1", ErrorType.TIMEOUT, 2));

        DeadLetterFilter b1Image = new DeadLetterFilter(Set.of(Lane.IMAGE), "b1", null, null, null);
        DeadLetterFilter permanent = new DeadLetterFilter(Set.of(), null, ErrorType.PERMANENT, null, null);

        assertThat(DeadLetterPage.of(letters, b1Image, 10, null).letters()).extracting(DeadLetter::batchId,
                letter -> letter.lane()).containsExactly(org.assertj.core.groups.Tuple.tuple("b1", Lane.IMAGE));
        assertThat(DeadLetterPage.of(letters, permanent, 10, null).letters()).extracting(DeadLetter::batchId)
                .containsExactly("b2");
        assertThat(DeadLetterPage.of(letters, DeadLetterFilter.any(), 10, null).nextCursor()).isNull();
    }

    @Test
    void aCursorThatWasNotHandedOutIsRefusedInWords() {
        assertThatThrownBy(() -> DeadLetterPage.Position.decode("%%")).hasMessageContaining("nextCursor");
        DeadLetterPage.Position position = new DeadLetterPage.Position(T0, IMAGE_DLT, 3, 42);
        assertThat(DeadLetterPage.Position.decode(position.encode())).isEqualTo(position);
    }

    private static DeadLetter letter(String topic, int partition, long offset, String batch, ErrorType type,
                                     long second) {
        Lane lane = topic.startsWith("genfleet.video") ? Lane.VIDEO : Lane.IMAGE;
        return new DeadLetter(new DeadLetterRef(topic, partition, offset), lane, batch + "/scene_0", null, "test",
                4, type, "failed", T0.plusSeconds(second));
    }
}
