package io.genfleet.worker.provider;

import io.genfleet.common.item.Lane;
import io.genfleet.common.request.GenerationRequest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The provider of each lane behind one {@link AsyncGenerationProvider}: a request goes to its lane's provider. */
public final class LaneProviders implements AsyncGenerationProvider, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LaneProviders.class);

    private final Map<Lane, AsyncGenerationProvider> providers;

    public LaneProviders(Map<Lane, AsyncGenerationProvider> providers) {
        for (Lane lane : Lane.values()) {
            if (!providers.containsKey(lane)) {
                throw new IllegalArgumentException("no provider for lane " + lane);
            }
        }
        this.providers = new EnumMap<>(providers);
    }

    public AsyncGenerationProvider of(Lane lane) {
        return providers.get(lane);
    }

    @Override
    public GenerationResult generate(GenerationRequest request, int attempt, String idempotencyKey) {
        return of(request.lane()).generate(request, attempt, idempotencyKey);
    }

    @Override
    public CompletableFuture<GenerationResult> generateAsync(GenerationRequest request, int attempt,
                                                             String idempotencyKey) {
        return of(request.lane()).generateAsync(request, attempt, idempotencyKey);
    }

    @Override
    public void close() {
        List<Object> closed = new ArrayList<>();
        for (AsyncGenerationProvider provider : providers.values()) {
            if (provider instanceof AutoCloseable closeable && closed.stream().noneMatch(c -> c == provider)) {
                closed.add(provider);
                try {
                    closeable.close();
                } catch (Exception e) {
                    log.warn("Closing provider {} failed: {}", provider.getClass().getSimpleName(), e.toString());
                }
            }
        }
    }
}
