package io.genfleet.producer.status;

import io.genfleet.producer.ProducerSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Asks the status aggregator, {@code GET {status-url}/api/batches/{id}}: 200 means known, 404 unknown;
 * anything else, a timeout or no connection means "cannot tell" and the submission is refused with 503
 * rather than risking a second batch under an existing id.
 *
 * <p>Standalone serves the aggregator on its own port: it points {@code genfleet.producer.status-url}
 * there, or declares a {@code @Primary} {@link BatchDirectory} that reads the store directly.
 */
@Component("producerBatchDirectory")
public class HttpBatchDirectory implements BatchDirectory {

    private static final Logger log = LoggerFactory.getLogger(HttpBatchDirectory.class);

    private final RestClient client;
    private final URI baseUrl;

    @Autowired
    public HttpBatchDirectory(ProducerSettings settings) {
        this(settings.statusUrl(), settings.statusTimeout());
    }

    HttpBatchDirectory(URI baseUrl, Duration timeout) {
        this.baseUrl = baseUrl;
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(timeout);
        this.client = RestClient.builder()
                .baseUrl(withoutTrailingSlash(baseUrl.toString()))
                .requestFactory(requests)
                .build();
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public boolean exists(String batchId) {
        int status;
        try {
            status = client.get()
                    .uri("/api/batches/{batchId}", batchId)
                    .exchange((request, response) -> response.getStatusCode().value(), true);
        } catch (RestClientException e) {
            log.warn("Status service at {} did not answer for batch {}: {}", baseUrl, batchId, e.getMessage());
            throw new DirectoryUnavailableException("the status service did not answer: " + e.getMessage(), e);
        }
        return switch (status) {
            case 200 -> true;
            case 404 -> false;
            default -> {
                log.warn("Status service at {} answered {} for batch {}", baseUrl, status, batchId);
                throw new DirectoryUnavailableException("the status service answered " + status, null);
            }
        };
    }
}
