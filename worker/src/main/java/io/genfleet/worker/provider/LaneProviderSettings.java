package io.genfleet.worker.provider;

import io.genfleet.worker.provider.httpjob.HttpJobSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The provider of one lane ({@code genfleet.providers.<lane>.*}).
 *
 * @param type           {@code simulated} (default), {@code openai-images} or {@code http-job}
 * @param baseUrl        the API's root, e.g. {@code https://api.openai.com}; required unless simulated
 * @param apiKey         the key itself (prefer {@code api-key-env} or {@code api-key-file}, which keep it out of
 *                       property sources and process listings)
 * @param apiKeyEnv      the name of an environment variable holding the key, e.g. {@code OPENAI_API_KEY}
 * @param apiKeyFile     a file holding the key, e.g. a Secret mounted at {@code /etc/genfleet/provider/api-key}
 * @param model          the model to ask for ({@code openai-images}: {@code gpt-image-1} when unset)
 * @param size           {@code openai-images}: the image size
 * @param connectTimeout how long opening a connection may take
 * @param requestTimeout how long one HTTP exchange (a submit, a poll, a download) may take before it is cut
 *                       as a retryable {@code timeout}
 * @param timeout        the whole attempt (for {@code http-job}: submit, every poll and the download); an attempt
 *                       still running then is abandoned as a retryable {@code timeout}. Unset: the simulated
 *                       provider's {@code genfleet.worker.provider.timeout} for {@code simulated}, 5 minutes for
 *                       {@code openai-images}, 30 minutes for {@code http-job}
 * @param httpJob        {@code http-job}: the shape of the job API (or a preset)
 * @param breaker        the circuit breaker of a real provider
 * @param rateLimit      requests per second to the provider across the lane's whole fleet (unset: unlimited)
 * @param maxConcurrency calls running at the provider at once across the lane's whole fleet (unset: no cap beyond
 *                       {@code genfleet.worker.max-in-flight}); each process takes its share, see
 *                       {@link io.genfleet.worker.provider.limit.FleetShare}
 */
public record LaneProviderSettings(
        @NotNull @DefaultValue("simulated") ProviderType type,
        URI baseUrl,
        String apiKey,
        String apiKeyEnv,
        Path apiKeyFile,
        String model,
        @NotBlank @DefaultValue("1024x1024") String size,
        @NotNull @DefaultValue("10s") Duration connectTimeout,
        @NotNull @DefaultValue("2m") Duration requestTimeout,
        Duration timeout,
        @Valid @NotNull @DefaultValue HttpJobSettings httpJob,
        @Valid @NotNull @DefaultValue BreakerSettings breaker,
        @Valid @NotNull @DefaultValue RateLimitSettings rateLimit,
        @Min(1) @Max(100_000) Integer maxConcurrency) {

    static final Duration OPENAI_IMAGES_TIMEOUT = Duration.ofMinutes(5);
    static final Duration HTTP_JOB_TIMEOUT = Duration.ofMinutes(30);

    public static LaneProviderSettings simulated() {
        return new LaneProviderSettings(ProviderType.SIMULATED, null, null, null, null, null, "1024x1024",
                Duration.ofSeconds(10), Duration.ofMinutes(2), null, HttpJobSettings.none(), BreakerSettings.defaults(),
                RateLimitSettings.unlimited(), null);
    }

    /** The time limit of a whole attempt of this lane; {@code simulatedTimeout} for the simulated provider. */
    public Duration attemptTimeout(Duration simulatedTimeout) {
        if (timeout != null) {
            return timeout;
        }
        return switch (type) {
            case SIMULATED -> simulatedTimeout;
            case OPENAI_IMAGES -> OPENAI_IMAGES_TIMEOUT;
            case HTTP_JOB -> HTTP_JOB_TIMEOUT;
        };
    }

    /** The base URL: this lane's, else its http-job preset's. */
    public URI effectiveBaseUrl() {
        return baseUrl != null ? baseUrl : httpJob.preset().baseUrl();
    }

    @AssertTrue(message = "base-url is required for openai-images (and for http-job without a preset), "
            + "and must be an http or https URL")
    boolean isBaseUrlValid() {
        if (type == null || type == ProviderType.SIMULATED || httpJob == null) {
            return true;
        }
        URI url = effectiveBaseUrl();
        return url != null && url.getHost() != null
                && ("http".equals(url.getScheme()) || "https".equals(url.getScheme()));
    }

    /** Fails with every missing field named, so a half-described job API stops the start-up, not the first item. */
    @AssertTrue(message = "http-job needs a preset or these settings: submit-path, status-path, body-template, "
            + "id-pointer, status-pointer, output-pointer, success-values, failure-values")
    boolean isHttpJobComplete() {
        return type != ProviderType.HTTP_JOB || httpJob == null || httpJob.missing().isEmpty();
    }

    @AssertTrue(message = "set at most one of api-key, api-key-env and api-key-file")
    boolean isOneKeySource() {
        return Stream.of(apiKey, apiKeyEnv, apiKeyFile).filter(source -> source != null).count() <= 1;
    }

    @AssertTrue(message = "connect-timeout, request-timeout and timeout must be between 1ms and 24h")
    boolean isTimeoutsValid() {
        return Stream.of(connectTimeout, requestTimeout, timeout).filter(t -> t != null)
                .allMatch(t -> t.toMillis() >= 1 && t.compareTo(Duration.ofHours(24)) <= 0);
    }
}
