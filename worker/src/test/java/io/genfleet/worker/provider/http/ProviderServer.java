package io.genfleet.worker.provider.http;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.genfleet.common.item.ItemId;
import io.genfleet.common.request.GenerationRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A real HTTP server on loopback playing a provider (WireMock), and the client side pointed at it. */
public final class ProviderServer implements AutoCloseable {

    public static final String KEY = "sk-test-123";

    private final WireMockServer server;

    public ProviderServer() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(20));
        server.start();
    }

    public WireMockServer server() {
        return server;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public ProviderHttp http(Duration requestTimeout) {
        return new ProviderHttp(baseUrl(), ProviderHttp.Auth.bearer(Optional.of(KEY)), Duration.ofSeconds(2),
                requestTimeout, Clock.systemUTC());
    }

    public static GenerationRequest request(String itemKey, String prompt) {
        return GenerationRequest.first(ItemId.of("b1", itemKey), prompt, null, Instant.now());
    }

    @Override
    public void close() {
        server.stop();
    }
}
