package io.genfleet.worker.provider.http;

import io.genfleet.worker.provider.LaneProviderSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import java.util.function.Function;

/**
 * The API key of a lane's provider, from {@code api-key}, the variable named by {@code api-key-env}, or the file
 * at {@code api-key-file} (a mounted Secret). Read once at start-up: a named source that is missing or empty
 * stops the worker with a message that says which, instead of failing every item with a 401.
 */
public final class ApiKeys {

    private ApiKeys() {
    }

    public static Optional<String> resolve(String lane, LaneProviderSettings settings) {
        return resolve(lane, settings, System::getenv);
    }

    static Optional<String> resolve(String lane, LaneProviderSettings settings, Function<String, String> environment) {
        String prefix = "genfleet.providers." + lane + ".";
        if (settings.apiKey() != null) {
            return Optional.of(required(settings.apiKey(), prefix + "api-key is empty"));
        }
        if (settings.apiKeyEnv() != null) {
            String value = environment.apply(settings.apiKeyEnv());
            return Optional.of(required(value, prefix + "api-key-env names " + settings.apiKeyEnv()
                    + ", which is not set or empty"));
        }
        if (settings.apiKeyFile() != null) {
            try {
                return Optional.of(required(Files.readString(settings.apiKeyFile(), StandardCharsets.UTF_8),
                        prefix + "api-key-file " + settings.apiKeyFile() + " is empty"));
            } catch (IOException e) {
                throw new IllegalStateException(prefix + "api-key-file " + settings.apiKeyFile() + " cannot be read: "
                        + e.getMessage(), e);
            }
        }
        return Optional.empty();
    }

    /** Trimmed: a key file written by {@code echo} or a Secret created from one ends with a newline. */
    private static String required(String value, String problem) {
        if (value == null || value.strip().isEmpty()) {
            throw new IllegalStateException(problem);
        }
        return value.strip();
    }
}
