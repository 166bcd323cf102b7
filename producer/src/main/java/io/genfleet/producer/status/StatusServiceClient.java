package io.genfleet.producer.status;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The producer's client of the status aggregator's API: one deadline for connecting and reading, no redirects, and
 * one reading of the answer for every question the producer asks about a batch: 200 is an answer, 404 "no such
 * batch"; any other status, a timeout or no connection means "cannot tell", which the caller turns into a 503
 * rather than guessing.
 */
final class StatusServiceClient {

    private static final Logger log = LoggerFactory.getLogger(StatusServiceClient.class);

    /** Reads the body of a 200 answer; an {@link IOException} makes the answer unusable ("cannot tell"). */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    private record Answer<T>(int status, T body) {
    }

    private final RestClient client;
    private final URI baseUrl;
    private final Supplier<Optional<String>> apiKey;

    StatusServiceClient(URI baseUrl, Duration timeout) {
        this(baseUrl, timeout, Optional::empty);
    }

    /**
     * @param apiKey the key presented to the aggregator, whose reads need the {@code read} scope; looked up on every
     *               call so that a rotated key file is followed
     */
    StatusServiceClient(URI baseUrl, Duration timeout, Supplier<Optional<String>> apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(timeout);
        String base = baseUrl.toString();
        this.client = RestClient.builder()
                .baseUrl(base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                .requestFactory(requests)
                .build();
    }

    /**
     * {@code GET} of a batch's resource: the body of a 200, empty on a 404.
     *
     * @param what        what is asked, for the log ("batch b1", "the dead letters of batch b1")
     * @param uriTemplate the path, with {@code {batchId}}
     * @throws DirectoryUnavailableException for every other outcome
     */
    <T> Optional<T> get(String what, String uriTemplate, String batchId, BodyReader<T> reader) {
        Answer<T> answer;
        try {
            answer = client.get()
                    .uri(uriTemplate, batchId)
                    .headers(headers -> apiKey.get().ifPresent(headers::setBearerAuth))
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        return new Answer<>(status, status == 200 ? reader.read(response.getBody()) : null);
                    }, true);
        } catch (RestClientException e) {
            log.warn("Status service at {} did not answer for {}: {}", baseUrl, what, e.getMessage());
            throw new DirectoryUnavailableException("the status service did not answer: " + e.getMessage(), e);
        }
        return switch (answer.status()) {
            case 200 -> Optional.of(answer.body());
            case 404 -> Optional.empty();
            default -> {
                log.warn("Status service at {} answered {} for {}", baseUrl, answer.status(), what);
                throw new DirectoryUnavailableException("the status service answered " + answer.status(), null);
            }
        };
    }
}
