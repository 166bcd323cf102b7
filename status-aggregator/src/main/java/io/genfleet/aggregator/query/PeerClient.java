package io.genfleet.aggregator.query;

import io.genfleet.aggregator.AggregatorSettings;
import io.genfleet.common.item.ItemId;
import io.genfleet.common.json.Json;
import io.genfleet.common.security.web.InternalSecret;
import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ItemState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Asks another aggregator instance for what its stores hold, through its {@link InstanceQueryController}
 * endpoints, which answer from local stores only (so a forwarded query is never forwarded again). Every
 * failure — no connection, no answer within {@code forward-timeout}, a 503, an unreadable body — becomes a
 * {@link StatusUnavailableException}: the client gets a 503 and retries, never a partial or guessed answer.
 */
@Component("aggregatorPeerClient")
class PeerClient {

    static final String FORWARDS_METER = "genfleet.aggregator.forwards";

    private final HttpClient http;
    private final InternalSecret secret;
    private final Duration timeout;
    private final MeterRegistry registry;

    PeerClient(AggregatorSettings settings, InternalSecret secret, ObjectProvider<MeterRegistry> registry) {
        if (settings.routesQueries() && !secret.isConfigured()) {
            // Every forwarded query would be refused by the owner: say so now rather than answer 503 forever.
            throw new IllegalStateException("genfleet.aggregator.application-server is set (several instances), so "
                    + "genfleet.internal-secret (GENFLEET_INTERNAL_SECRET) is required: the instances' /internal "
                    + "routes accept only that shared secret. Set the same value (16+ characters) on every instance");
        }
        this.secret = secret;
        this.timeout = settings.forwardTimeout();
        this.registry = registry.getIfAvailable();
        this.http = HttpClient.newBuilder()
                // Peers speak plain HTTP/1.1 (no h2c upgrade round trip on every new connection).
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    Optional<BatchSummary> summary(HostInfo owner, String batchId, int partition) {
        String path = InstanceQueryController.BASE + "/" + batchId + "?partition=" + partition;
        return join(get(owner, path, "summary", body -> Optional.of(Json.mapper().readValue(body, BatchSummary.class))));
    }

    Optional<ItemState> item(HostInfo owner, ItemId id, int partition) {
        String path = InstanceQueryController.BASE + "/" + id.batchId() + "/items/" + id.itemKey()
                + "?partition=" + partition;
        return join(get(owner, path, "item", body -> Optional.of(Json.mapper().readValue(body, ItemState.class))));
    }

    /** The batch's items in the given partitions of the owner; completes exceptionally when unavailable. */
    CompletableFuture<List<ItemState>> items(HostInfo owner, String batchId, Collection<Integer> partitions) {
        String path = InstanceQueryController.BASE + "/" + batchId + "/items?partitions="
                + partitions.stream().map(String::valueOf).collect(Collectors.joining(","));
        return get(owner, path, "items", body -> Optional.of(Arrays.asList(Json.mapper().readValue(body, ItemState[].class))))
                .thenApply(items -> items.orElse(List.of()));
    }

    private <T> CompletableFuture<Optional<T>> get(HostInfo owner, String path, String query,
                                                   Function<byte[], Optional<T>> reader) {
        String instance = StoreOwners.describe(owner);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://" + instance + path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET();
        if (secret.isConfigured()) {
            builder.header(InternalSecret.HEADER, secret.value());
        }
        HttpRequest request = builder.build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> {
                    if (failure != null) {
                        count(query, "no_answer");
                        throw new StatusUnavailableException("the instance " + instance + " that holds the data did not"
                                + " answer within " + timeout.toMillis() + " ms (" + rootMessage(failure) + ")", failure);
                    }
                    return read(response, instance, query, reader);
                });
    }

    private <T> Optional<T> read(HttpResponse<byte[]> response, String instance, String query,
                                 Function<byte[], Optional<T>> reader) {
        switch (response.statusCode()) {
            case 200 -> {
                try {
                    Optional<T> value = reader.apply(response.body());
                    count(query, "ok");
                    return value;
                } catch (RuntimeException e) {
                    // JacksonException and the serde's InvalidMessageException are both runtime exceptions.
                    count(query, "unreadable");
                    throw new StatusUnavailableException("the instance " + instance + " answered unreadable data", e);
                }
            }
            case 404 -> {
                count(query, "not_found");
                return Optional.empty();
            }
            case 503 -> {
                count(query, "unavailable");
                throw new StatusUnavailableException("the instance " + instance
                        + " that holds the data cannot answer right now (rebalancing or restoring)", null);
            }
            default -> {
                count(query, "error");
                throw new StatusUnavailableException("the instance " + instance + " answered HTTP "
                        + response.statusCode(), null);
            }
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void count(String query, String outcome) {
        if (registry != null) {
            Counter.builder(FORWARDS_METER)
                    .description("Queries this instance forwarded to the instance that holds the data, by outcome")
                    .tags("query", query, "outcome", outcome)
                    .register(registry)
                    .increment();
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": "
                + root.getMessage();
    }
}
