package io.genfleet.worker.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.ErrorType;
import io.genfleet.worker.provider.GenerationResult;
import io.genfleet.worker.provider.PermanentGenerationException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalResultStoreTest {

    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'};

    @TempDir
    Path dir;

    private static GenerationRequest request(String batchId) {
        return GenerationRequest.first(ItemId.of(batchId, "scene_3_shot_1"), "p", null, Instant.now());
    }

    @Test
    void aResultIsKeptUnderItsAttemptsNameWithTheTypeFromItsFirstBytes() throws IOException {
        LocalResultStore store = new LocalResultStore(dir);

        GenerationResult result = store.keep(request("b-1"), 2, JPEG, null).join();

        Path kept = Path.of(URI.create(result.uri()));
        assertThat(kept).isEqualTo(dir.resolve("b-1/scene_3_shot_1/0-2.jpg"));
        assertThat(Files.readAllBytes(kept)).isEqualTo(JPEG);
        assertThat(result.contentType()).isEqualTo("image/jpeg");
        assertThat(result.sizeBytes()).isEqualTo(JPEG.length);
        try (Stream<Path> incoming = Files.list(dir.resolve(".incoming"))) {
            assertThat(incoming).as("no temporary file left behind").isEmpty();
        }
    }

    @Test
    void theProvidersContentTypeWinsOverTheGuess() throws IOException {
        GenerationResult result = new LocalResultStore(dir).keep(request("b-1"), 1, JPEG, "video/mp4; codecs=avc1").join();

        assertThat(result.uri()).endsWith("/0-1.mp4");
        assertThat(result.contentType()).isEqualTo("video/mp4");
    }

    @Test
    void aBatchIdOfDotsCannotLeadOutOfTheStore() throws IOException {
        LocalResultStore store = new LocalResultStore(dir.resolve("results"));

        // Item ids refuse a leading dot now, so such a request never reaches the store; the store checks anyway.
        assertThatThrownBy(() -> store.keep(request(".."), 1, JPEG, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not starting with '.'");
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile)).as("nothing written anywhere").isEmpty();
        }
    }
}
