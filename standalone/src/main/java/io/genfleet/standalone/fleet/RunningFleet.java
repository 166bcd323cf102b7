package io.genfleet.standalone.fleet;

import io.genfleet.embedded.EmbeddedKafkaBroker;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A started all-in-one fleet: the embedded broker, then the Spring context pointed at it.
 * Closing stops the context (listeners drain, Streams commits) before the broker.
 */
public final class RunningFleet implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;
    private final ConfigurableApplicationContext context;

    private RunningFleet(EmbeddedKafkaBroker broker, ConfigurableApplicationContext context) {
        this.broker = broker;
        this.context = context;
    }

    public static RunningFleet start(FleetOptions options) {
        AtomicReference<EmbeddedKafkaBroker> broker = new AtomicReference<>();
        SpringApplication application = new SpringApplicationBuilder(StandaloneApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties(options.springProperties())
                .registerShutdownHook(false)
                // The broker starts once Spring has set up logging (so its logs obey the same settings)
                // and before any Kafka client bean exists.
                .initializers(context -> {
                    broker.set(EmbeddedKafkaBroker.start(options.dataDir().resolve("kafka"), 0));
                    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("genfleet-embedded-kafka",
                            Map.of("spring.kafka.bootstrap-servers", broker.get().bootstrapServers())));
                })
                .build();
        try {
            ConfigurableApplicationContext context = application.run();
            return new RunningFleet(broker.get(), context);
        } catch (RuntimeException e) {
            if (broker.get() != null) {
                broker.get().close();
            }
            throw e;
        }
    }

    /** The base URL of the HTTP API. */
    public URI baseUrl() {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return URI.create("http://127.0.0.1:" + port);
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
            broker.close();
        }
    }
}
