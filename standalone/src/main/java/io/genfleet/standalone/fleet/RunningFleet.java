package io.genfleet.standalone.fleet;

import io.genfleet.aggregator.streams.AggregatorStreams;
import io.genfleet.embedded.EmbeddedKafkaBroker;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    /**
     * How long {@link #start} waits for the aggregator's Kafka Streams to be RUNNING. It starts last in the
     * context and needs a rebalance; until it runs, the producer cannot check batch ids and answers 503, so a
     * batch submitted right after start (the demo, the tests) would be refused. After this the fleet is
     * returned anyway (a long restore): the API keeps answering 503 with Retry-After until the store is ready.
     */
    static final Duration READY_WAIT = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(RunningFleet.class);

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

    private static void awaitAggregator(AggregatorStreams streams) {
        long deadline = System.nanoTime() + READY_WAIT.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                log.warn("The status aggregator is {} after {}; the API answers 503 until it is RUNNING",
                        streams.state(), READY_WAIT);
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
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
