package io.genfleet.worker.provider.http;

import io.genfleet.worker.provider.FailureClassifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The HTTP side of a provider: the JDK's asynchronous client (no thread waits for an answer), the key, the
 * idempotency key on every call, a time limit per exchange, and one reading of a failed answer
 * ({@link FailureClassifier#ofHttpAnswer}, with the provider's message and its {@code Retry-After}).
 */
public final class ProviderHttp {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /**
     * @param authHeader   the header that carries the key, e.g. {@code Authorization}
     * @param authValue    its value ({@code Bearer <key>}), or empty when the provider needs no key
     * @param extraHeaders sent on every call to the provider (not on downloads from other hosts)
     */
    public record Auth(String authHeader, Optional<String> authValue, Map<String, String> extraHeaders) {

        public static Auth bearer(Optional<String> key) {
            return of("Authorization", "Bearer", key, Map.of());
        }

        /** {@code scheme} empty: the header carries the key alone (e.g. {@code X-API-Key: <key>}). */
        public static Auth of(String header, String scheme, Optional<String> key, Map<String, String> extraHeaders) {
            return new Auth(header, key.map(k -> scheme == null || scheme.isBlank() ? k : scheme + " " + k),
                    Map.copyOf(extraHeaders));
        }
    }

    /** Sees every exchange: its status (the HTTP code, {@code timeout} or {@code io_error}) and how long it took. */
    @FunctionalInterface
    public interface ExchangeObserver {
        ExchangeObserver NONE = (status, nanos) -> { };

        void observe(String status, long nanos);
    }

    /** Completes when the next request may be sent (the lane's rate limit); never blocks. */
    @FunctionalInterface
    public interface RequestPermits {
        RequestPermits UNLIMITED = () -> CompletableFuture.completedFuture(null);

        CompletableFuture<Void> next();
    }

    private final HttpClient client;
    private final ExchangeObserver observer;
    private final RequestPermits permits;
    private final URI baseUrl;
    private final Auth auth;
    private final Duration requestTimeout;
    private final Clock clock;

    public ProviderHttp(URI baseUrl, Auth auth, Duration connectTimeout, Duration requestTimeout, Clock clock) {
        this(baseUrl, auth, connectTimeout, requestTimeout, clock, ExchangeObserver.NONE);
    }

    public ProviderHttp(URI baseUrl, Auth auth, Duration connectTimeout, Duration requestTimeout, Clock clock,
                        ExchangeObserver observer) {
        this(baseUrl, auth, connectTimeout, requestTimeout, clock, observer, RequestPermits.UNLIMITED);
    }

    /**
     * @param permits asked before every request to the provider (submits, polls, downloads from its own host):
     *                the request is sent when the permit comes, and its own time limit starts then
     */
    public ProviderHttp(URI baseUrl, Auth auth, Duration connectTimeout, Duration requestTimeout, Clock clock,
                        ExchangeObserver observer, RequestPermits permits) {
        this.permits = permits;
        this.observer = observer;
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.auth = auth;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
        // HTTP/2 where the server offers it (https, ALPN), HTTP/1.1 otherwise; redirects followed within https.
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** {@code {base-url}{path}}, the path taken as it is (already encoded). */
    public URI resolve(String path) {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    /** A call to the provider: key, idempotency key, JSON accepted, the per-exchange time limit. */
    public HttpRequest.Builder request(URI uri, String idempotencyKey) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("Accept", "application/json")
                .header(IDEMPOTENCY_KEY, idempotencyKey);
        if ("http".equals(uri.getScheme())) {
            // No h2c upgrade attempt on plain HTTP (local gateways and test servers answer it badly).
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        auth.authValue().ifPresent(value -> builder.header(auth.authHeader(), value));
        auth.extraHeaders().forEach(builder::header);
        return builder;
    }

    /** POSTs a JSON body. */
    public HttpRequest postJson(URI uri, String idempotencyKey, byte[] body) {
        return request(uri, idempotencyKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /**
     * Sends and completes with the body of a 2xx answer; any other answer completes exceptionally with the
     * classified {@link io.genfleet.worker.provider.GenerationException}. Network failures and the time limit
     * complete with the client's exception, classified later ({@link FailureClassifier#ofProviderFailure}).
     */
    public CompletableFuture<byte[]> exchange(HttpRequest request) {
        return permits.next().thenCompose(permitted -> observed(client.sendAsync(request,
                HttpResponse.BodyHandlers.ofByteArray()))).thenApply(response -> {
            if (response.statusCode() / 100 == 2) {
                return response.body();
            }
            throw failure(response, response.body());
        });
    }

    /**
     * Downloads a result to {@code target}, with the idempotency key but without the provider's key unless the
     * URL is on the provider's own host (result URLs usually point at a CDN, which must not see the key).
     * Completes with the answer's content type (may be empty).
     */
    public CompletableFuture<Optional<String>> download(URI uri, String idempotencyKey, Path target) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(requestTimeout).header(IDEMPOTENCY_KEY,
                idempotencyKey);
        if ("http".equals(uri.getScheme())) {
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        boolean providerHost = Objects.equals(uri.getHost(), baseUrl.getHost())
                && Objects.equals(uri.getPort(), baseUrl.getPort());
        if (providerHost) {
            auth.authValue().ifPresent(value -> builder.header(auth.authHeader(), value));
        }
        // A download from the provider's own host is one of its requests; a CDN's is not limited by the provider.
        CompletableFuture<Void> permit = providerHost ? permits.next() : CompletableFuture.completedFuture(null);
        HttpRequest request = builder.GET().build();
        return permit.thenCompose(permitted -> observed(client.sendAsync(request,
                HttpResponse.BodyHandlers.ofFile(target)))).thenApply(response -> {
            if (response.statusCode() / 100 != 2) {
                throw failure(response, new byte[0]);
            }
            return response.headers().firstValue("Content-Type");
        });
    }

    private <T> CompletableFuture<HttpResponse<T>> observed(CompletableFuture<HttpResponse<T>> exchange) {
        long started = System.nanoTime();
        return exchange.whenComplete((response, error) -> {
            String status;
            if (response != null) {
                status = Integer.toString(response.statusCode());
            } else {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                status = cause instanceof java.net.http.HttpTimeoutException ? "timeout" : "io_error";
            }
            observer.observe(status, System.nanoTime() - started);
        });
    }

    private RuntimeException failure(HttpResponse<?> response, byte[] body) {
        Duration retryAfter = response.headers().firstValue("Retry-After")
                .flatMap(value -> RetryAfter.parse(value, clock)).orElse(null);
        return FailureClassifier.ofHttpAnswer(response.statusCode(), ProviderMessages.of(body), retryAfter);
    }
}
