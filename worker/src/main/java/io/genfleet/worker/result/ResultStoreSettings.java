package io.genfleet.worker.result;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where generated assets are kept ({@code genfleet.results.*}). Results of the HTTP providers are stored here
 * and {@code resultUri} points at the stored copy: a provider's own result URLs expire within hours, and a
 * base64 result never travels on Kafka.
 *
 * @param dir the directory (created when missing); give every worker the same one (a shared volume) when
 *            something else serves the results
 */
@Validated
@ConfigurationProperties("genfleet.results")
public record ResultStoreSettings(@NotNull @DefaultValue("genfleet-results") Path dir) {
}
