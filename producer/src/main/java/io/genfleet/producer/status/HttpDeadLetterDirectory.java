package io.genfleet.producer.status;

import io.genfleet.common.json.Json;
import io.genfleet.common.security.ApiKeySource;
import io.genfleet.common.security.Scope;
import io.genfleet.producer.ProducerSettings;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * Asks the status aggregator, {@code GET {status-url}/api/batches/{id}/dead-letters}: 200 with the list, 404 for an
 * unknown batch; anything else, a timeout or no connection means "cannot tell" (503 for the caller).
 */
@Component("producerDeadLetterDirectory")
public class HttpDeadLetterDirectory implements DeadLetterDirectory {

    private static final TypeReference<List<DeadLetteredItem>> ITEMS = new TypeReference<>() {
    };
    /** A batch has at most 10,200 items with the default limits: a few MB of JSON at most. */
    private static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

    private final StatusServiceClient statusService;

    public HttpDeadLetterDirectory(ProducerSettings settings, ApiKeySource keys) {
        // The aggregator's reads need a key with the read scope: the first of this service's own keys that has it.
        this.statusService = new StatusServiceClient(settings.statusUrl(), settings.statusTimeout(),
                () -> keys.keys().secretWith(Scope.READ));
    }

    @Override
    public Optional<List<DeadLetteredItem>> deadLettered(String batchId) {
        return statusService.get("the dead letters of batch " + batchId, "/api/batches/{batchId}/dead-letters",
                batchId, HttpDeadLetterDirectory::read);
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
