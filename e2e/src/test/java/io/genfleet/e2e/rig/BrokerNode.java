package io.genfleet.e2e.rig;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.apache.kafka.clients.admin.Admin;

/** The Kafka broker process (KRaft, one node) on fixed loopback ports, restartable on the same data directory. */
public final class BrokerNode {

    private final ManagedProcess process;
    private final int port;

    BrokerNode(int port, IntFunction<List<String>> command, java.nio.file.Path log) {
        this.process = new ManagedProcess("broker", command, log);
        this.port = port;
    }

    public ManagedProcess process() {
        return process;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Waits until the broker answers a metadata request; returns how long that took. */
    public Duration awaitReady(Admin admin, Duration atMost) {
        long started = System.nanoTime();
        await().alias("broker answers metadata requests").atMost(atMost).pollInterval(Duration.ofMillis(250))
                .failFast("the broker process exited; see " + process.log(), () -> !process.isAlive())
                .ignoreExceptions()
                .until(() -> !admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty());
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
