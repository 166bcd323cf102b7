package io.genfleet.bench.fleet;

import io.genfleet.common.topic.TopicCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** A started fleet (producer, worker lanes, aggregator; one Spring context, one HTTP port) on the bench broker. */
public final class BenchFleet implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final URI baseUrl;
    private final FleetApi api;
    private final FleetShape shape;

    private BenchFleet(ConfigurableApplicationContext context, URI baseUrl, String apiKey, FleetShape shape) {
        this.context = context;
        this.baseUrl = baseUrl;
        this.api = new FleetApi(baseUrl, apiKey);
        this.shape = shape;
    }

    /** Starts the fleet and returns once the HTTP API answers and every worker partition is assigned. */
    public static BenchFleet start(BenchBroker broker, FleetConfig config, Duration timeout) {
        int port = freePort();
        // The producer refuses POSTs without a key: one per fleet, sent by FleetApi.
        String apiKey = newApiKey();
        Map<String, Object> properties = new HashMap<>(config.springProperties(broker, port));
        properties.put("genfleet.api-keys", apiKey);
        // A benchmark submits as fast as it can: no per-key rate limit.
        properties.put("genfleet.security.submit-per-minute", "0");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(
                applicationOf(config.shape()))
                .web(config.shape().hasApi() ? WebApplicationType.SERVLET : WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .registerShutdownHook(false)
                // First, over the services' application.yml files on the classpath (their localhost:9092 and ports).
                .initializers(initializing -> initializing.getEnvironment().getPropertySources().addFirst(
                        new MapPropertySource("genfleet-bench", properties)))
                .run();
        BenchFleet fleet = new BenchFleet(context, URI.create("http://127.0.0.1:" + port), apiKey, config.shape());
        try {
            if (config.shape().hasAggregator()) {
                fleet.api.awaitAggregatorReady(timeout);
            }
            if (config.shape().hasWorker()) {
                WorkerAssignment.await(context, timeout);
            }
            return fleet;
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    private static Class<?> applicationOf(FleetShape shape) {
        return switch (shape) {
            case WHOLE_FLEET -> BenchApplication.class;
            case WORKER_ALONE -> WorkerOnlyApplication.class;
            case PRODUCER_ALONE -> ProducerOnlyApplication.class;
        };
    }

    /** The HTTP API; a worker alone has none. */
    public FleetApi api() {
        if (!shape.hasApi()) {
            throw new IllegalStateException("a worker alone has no HTTP API");
        }
        return api;
    }

    public FleetShape shape() {
        return shape;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public TopicCatalog catalog() {
        return context.getBean(TopicCatalog.class);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }

    private static String newApiKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
