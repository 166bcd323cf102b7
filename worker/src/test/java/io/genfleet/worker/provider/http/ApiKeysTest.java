package io.genfleet.worker.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genfleet.worker.provider.BreakerSettings;
import io.genfleet.worker.provider.LaneProviderSettings;
import io.genfleet.worker.provider.ProviderType;
import io.genfleet.worker.provider.RateLimitSettings;
import io.genfleet.worker.provider.httpjob.HttpJobSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {

    @TempDir
    Path dir;

    private static LaneProviderSettings keyFrom(String key, String env, Path file) {
        return new LaneProviderSettings(ProviderType.OPENAI_IMAGES, URI.create("https://api.example.com"), key, env,
                file, null, "1024x1024", Duration.ofSeconds(1), Duration.ofSeconds(1), null, HttpJobSettings.none(),
                BreakerSettings.defaults(), RateLimitSettings.unlimited(), null);
    }

    @Test
    void aKeyFileWrittenWithANewlineIsTrimmed() throws IOException {
        Path file = Files.writeString(dir.resolve("api-key"), "sk-abc\n");

        assertThat(ApiKeys.resolve("image", keyFrom(null, null, file))).contains("sk-abc");
    }

    @Test
    void aNamedVariableThatIsNotSetStopsTheStartUpNamingIt() {
        assertThatThrownBy(() -> ApiKeys.resolve("image", keyFrom(null, "OPENAI_API_KEY", null), Map.<String, String>of()::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("genfleet.providers.image.api-key-env names OPENAI_API_KEY, which is not set or empty");
    }

    @Test
    void theVariablesValueIsTheKey() {
        assertThat(ApiKeys.resolve("video", keyFrom(null, "TOKEN", null), Map.of("TOKEN", " r8_x ")::get)).contains("r8_x");
    }

    @Test
    void aMissingKeyFileIsNamed() {
        assertThatThrownBy(() -> ApiKeys.resolve("image", keyFrom(null, null, dir.resolve("absent"))))
                .hasMessageContaining("genfleet.providers.image.api-key-file").hasMessageContaining("cannot be read");
    }

    @Test
    void noKeySourceMeansNoKey() {
        assertThat(ApiKeys.resolve("image", keyFrom(null, null, null))).isEmpty();
    }
}
