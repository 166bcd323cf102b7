package io.genfleet.standalone.fleet;

import io.genfleet.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A started all-in-one fleet: the data directory locked, the embedded broker and the Spring context pointed at
 * it; returned once it is ready (the aggregator answers, so submissions are taken).
 * Closing stops the context (listeners drain, Streams commits) before the broker.
 */
public final class RunningFleet implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    private final EmbeddedKafkaBroker broker;
    private final ConfigurableApplicationContext context;
    private final FleetApiKey apiKey;
    private final FleetWebhookSecret webhookSecret;
    private final DataDirectoryLock lock;

    private RunningFleet(EmbeddedKafkaBroker broker, ConfigurableApplicationContext context, FleetApiKey apiKey,
                         FleetWebhookSecret webhookSecret, DataDirectoryLock lock) {
        this.broker = broker;
        this.context = context;
        this.apiKey = apiKey;
        this.webhookSecret = webhookSecret;
        this.lock = lock;
    }

    /**
     * Locks the data directory first (before the broker or Streams touch it), then starts broker and context.
     *
     * @throws DataDirectoryInUseException when another process owns the data directory; nothing was started
     */
    public static RunningFleet start(FleetOptions options) {
        DataDirectoryLock lock = DataDirectoryLock.acquire(options.dataDir());
        try {
            return start(options, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static RunningFleet start(FleetOptions options, DataDirectoryLock lock) {
        AtomicReference<EmbeddedBrokerStartup> broker = new AtomicReference<>();
        AtomicReference<FleetWebhookSecret> webhookSecret = new AtomicReference<>();
        FleetApiKey apiKey = FleetApiKey.resolve(options.extraSettings());
        Map<String, Object> properties = options.springProperties();
        SpringApplication application = new SpringApplicationBuilder(StandaloneApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties(properties)
                .registerShutdownHook(false)
                // The broker starts once Spring has set up logging (so its logs obey the same settings), in
                // parallel with the context; its bean holds Kafka clients back until it serves.
                .initializers(context -> {
                    EmbeddedBrokerStartup startup = EmbeddedBrokerStartup.begin(options.dataDir().resolve("kafka"));
                    broker.set(startup);
                    // A bean definition (not a bare singleton), so its afterSingletonsInstantiated runs, and first.
                    ((GenericApplicationContext) context).registerBean("genfleetEmbeddedBroker",
                            EmbeddedBrokerStartup.class, () -> startup);
                    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("genfleet-embedded-kafka",
                            Map.of("spring.kafka.bootstrap-servers", startup.bootstrapServers())));
                    if (apiKey.generated()) {
                        // Only when nothing is configured; first, so that a blank GENFLEET_API_KEYS (which
                        // configures no key) cannot hide it and leave the producer refusing every change.
                        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(
                                "genfleet-generated-api-key", Map.of(FleetApiKey.PROPERTY, apiKey.value())));
                    }
                    // Here, not before the build: the environment now holds every source the aggregator binds.
                    webhookSecret.set(FleetWebhookSecret.establishIn(context.getEnvironment()));
                })
                .build();
        ConfigurableApplicationContext context = null;
        try {
            context = application.run();
            RunningFleet fleet = new RunningFleet(broker.get().awaitBroker(), context, apiKey, webhookSecret.get(),
                    lock);
            fleet.awaitReady(READY_TIMEOUT);
            return fleet;
        } catch (RuntimeException e) {
            if (context != null) {
                context.close();
            }
            if (broker.get() != null) {
                broker.get().abandon();
            }
            throw e;
        }
    }

    /**
     * Until the readiness group is UP (the aggregator's Streams app RUNNING), the producer answers 503 to every
     * submission: it cannot tell whether a batch id is taken. Callers get a fleet that takes batches.
     */
    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(baseUrl().resolve("/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
                Thread.sleep(100);
            } catch (IOException e) {
                // not answering yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the fleet to be ready", e);
            }
        }
        throw new IllegalStateException("the fleet was not ready within " + timeout.toSeconds() + " s");
    }

    /** The base URL of the HTTP API. */
    public URI baseUrl() {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The key the fleet's mutating endpoints accept (configured or generated for this run). */
    public FleetApiKey apiKey() {
        return apiKey;
    }

    /** The key webhook deliveries are signed with (configured or generated for this run). */
    public FleetWebhookSecret webhookSecret() {
        return webhookSecret;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            try {
                broker.close();
            } finally {
                // Last: the directory is free only once nothing writes to it any more.
                lock.close();
            }
        }
    }
}
