package io.genfleet.standalone.fleet;

import io.genfleet.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Starts the embedded broker on a thread of its own while Spring builds the fleet's context (the two take
 * seconds each and do not depend on each other), and holds Kafka back until the broker serves: as the first
 * {@link SmartInitializingSingleton} of the context it runs before topic provisioning, and so before any
 * listener container or the Streams app starts (they start in the lifecycle phase, after it).
 * The client port is chosen up front, so that {@code spring.kafka.bootstrap-servers} is known at once.
 */
final class EmbeddedBrokerStartup implements SmartInitializingSingleton {

    private final String bootstrapServers;
    private final CompletableFuture<EmbeddedKafkaBroker> broker;

    private EmbeddedBrokerStartup(int port, CompletableFuture<EmbeddedKafkaBroker> broker) {
        this.bootstrapServers = "127.0.0.1:" + port;
        this.broker = broker;
    }

    static EmbeddedBrokerStartup begin(Path kafkaDir) {
        int port = freePort();
        CompletableFuture<EmbeddedKafkaBroker> broker = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                broker.complete(EmbeddedKafkaBroker.start(kafkaDir, port));
            } catch (Throwable e) {
                broker.completeExceptionally(e);
            }
        }, "genfleet-broker-start");
        starter.setDaemon(true);
        starter.start();
        return new EmbeddedBrokerStartup(port, broker);
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void afterSingletonsInstantiated() {
        awaitBroker();
    }

    /** The started broker; rethrows its start-up failure. */
    EmbeddedKafkaBroker awaitBroker() {
        try {
            return broker.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("the embedded Kafka broker did not start", e.getCause());
        }
    }

    /** After a failed start: waits for the broker (a half-built context may not have) and stops it. */
    void abandon() {
        broker.handle((started, failure) -> started).join();
        if (broker.isDone() && !broker.isCompletedExceptionally()) {
            broker.join().close();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
