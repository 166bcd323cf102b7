package io.genfleet.standalone.fleet;

import io.genfleet.aggregator.streams.AggregatorStreams;
import io.genfleet.embedded.EmbeddedKafkaBroker;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A started all-in-one fleet: the embedded broker, then the Spring context pointed at it, answering queries.
 * Closing stops the context (listeners drain, Streams commits) before the broker.
 */
public final class RunningFleet implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunningFleet.class);
    private static final Duration AGGREGATOR_START_TIMEOUT = Duration.ofMinutes(2);

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
            awaitAggregator(context.getBean(AggregatorStreams.class));
            return new RunningFleet(broker.get(), context);
        } catch (RuntimeException e) {
            if (broker.get() != null) {
                broker.get().close();
            }
            throw e;
        }
    }

    /**
     * A started fleet answers queries: the aggregator's API answers 503 until its Streams app is RUNNING and has
     * caught up with its input (a few seconds on start, longer after a crash with much to process again). Bounded:
     * past it the fleet is returned anyway and clients get 503 with Retry-After until then.
     */
    private static void awaitAggregator(AggregatorStreams aggregator) {
        long deadline = System.nanoTime() + AGGREGATOR_START_TIMEOUT.toNanos();
        while (!aggregator.answersQueries() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!aggregator.answersQueries()) {
            log.warn("The status aggregator does not answer queries yet after {} s (state {}); the API answers 503 "
                    + "until it does", AGGREGATOR_START_TIMEOUT.toSeconds(), aggregator.state());
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
