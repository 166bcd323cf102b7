package io.genfleet.producer.status;

import io.genfleet.common.security.ApiKeySource;
import io.genfleet.common.security.Scope;
import io.genfleet.producer.ProducerSettings;
import java.net.URI;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

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

    private final StatusServiceClient statusService;

    @Autowired
    public HttpBatchDirectory(ProducerSettings settings, ApiKeySource keys) {
        this.statusService = new StatusServiceClient(settings.statusUrl(), settings.statusTimeout(),
                () -> keys.keys().secretWith(Scope.READ));
    }

    HttpBatchDirectory(URI baseUrl, Duration timeout) {
        this.statusService = new StatusServiceClient(baseUrl, timeout);
    }

    @Override
    public boolean exists(String batchId) {
        // The summary itself is not needed: a 200 alone says the id is taken.
        return statusService.get("batch " + batchId, "/api/batches/{batchId}", batchId, body -> Boolean.TRUE)
                .isPresent();
    }
}
