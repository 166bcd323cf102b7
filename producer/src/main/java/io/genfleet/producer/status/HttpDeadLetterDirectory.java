package io.genfleet.producer.status;

import io.genfleet.common.json.Json;
import io.genfleet.producer.ProducerSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * Asks the status aggregator, {@code GET {status-url}/api/batches/{id}/dead-letters}: 200 with the list, 404 for an
 * unknown batch; anything else, a timeout or no connection means "cannot tell" (503 for the caller).
 */
@Component("producerDeadLetterDirectory")
public class HttpDeadLetterDirectory implements DeadLetterDirectory {

    private static final Logger log = LoggerFactory.getLogger(HttpDeadLetterDirectory.class);
    private static final TypeReference<List<DeadLetteredItem>> ITEMS = new TypeReference<>() {
    };
    /** A batch has at most 10,200 items with the default limits: a few MB of JSON at most. */
    private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

    private final RestClient client;
    private final URI baseUrl;

    @Autowired
    public HttpDeadLetterDirectory(ProducerSettings settings) {
        this(settings.statusUrl(), settings.statusTimeout());
    }

    HttpDeadLetterDirectory(URI baseUrl, Duration timeout) {
        this.baseUrl = baseUrl;
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

    @Override
    public Optional<List<DeadLetteredItem>> deadLettered(String batchId) {
        Answer answer;
        try {
            answer = client.get()
                    .uri("/api/batches/{batchId}/dead-letters", batchId)
                    .exchange((request, response) -> new Answer(response.getStatusCode().value(),
                            response.getStatusCode().value() == 200 ? read(response.getBody()) : null), true);
        } catch (RestClientException e) {
            log.warn("Status service at {} did not answer for the dead letters of batch {}: {}", baseUrl, batchId,
                    e.getMessage());
            throw new DirectoryUnavailableException("the status service did not answer: " + e.getMessage(), e);
        }
        return switch (answer.status()) {
            case 200 -> Optional.of(answer.items());
            case 404 -> Optional.empty();
            default -> {
                log.warn("Status service at {} answered {} for the dead letters of batch {}", baseUrl, answer.status(),
                        batchId);
                throw new DirectoryUnavailableException("the status service answered " + answer.status(), null);
            }
        };
    }

    private record Answer(int status, List<DeadLetteredItem> items) {
    }

    private static List<DeadLetteredItem> read(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new IOException("the answer exceeds " + MAX_BODY_BYTES + " bytes");
        }
        try {
            List<DeadLetteredItem> items = Json.mapper().readValue(bytes, ITEMS);
            if (items == null) {
                throw new IOException("the answer is JSON null");
            }
            return items;
        } catch (JacksonException e) {
            throw new IOException("unreadable answer: " + e.getOriginalMessage(), e);
        }
    }
}
