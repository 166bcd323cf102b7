package io.genfleet.bench.engines;

import io.genfleet.bench.fleet.Pause;
import io.genfleet.worker.inflight.InFlightLimiter;
import io.genfleet.worker.inflight.LaneLoops;
import io.genfleet.worker.inflight.TopicLoop;
import io.genfleet.worker.kafka.KafkaClientConfigs;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * genfleet's own engine as the worker runs it for a lane topic: one {@link TopicLoop} (one consumer for all
 * partitions) on its own thread, an {@link InFlightLimiter} of C, the worker's consumer settings.
 */
final class GenfleetLoopEngine implements Engine {

    /** Longer than any simulated call, so a stop never abandons one. */
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private final TopicLoop loop;
    private final Thread thread;
    private final int partitions;

    GenfleetLoopEngine(Setup setup) {
        this.partitions = setup.partitions();
        Map<String, Object> config = new HashMap<>(KafkaClientConfigs.consumer(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, setup.bootstrapServers())));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, setup.group());
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        SimulatedCalls calls = setup.calls();
        // The simulated call publishes nothing after it answers, so its end is also the record's durable outcome:
        // the loop frees the call's permit when the future completes.
        this.loop = new TopicLoop(setup.topic(), setup.group(), consumer, false,
                (record, callEnded) -> calls.call(record), new InFlightLimiter(setup.inFlightLimit()),
                // The worker's own grace; no rebalance is expected during a pass.
                LaneLoops.REVOKE_GRACE,
                SHUTDOWN_TIMEOUT);
        this.thread = new Thread(loop, setup.group() + "-loop");
        thread.setDaemon(true);
    }

    @Override
    public void start(Duration timeout) {
        thread.start();
        Pause.until(() -> loop.assignment().size() >= partitions, timeout, Duration.ofMillis(20),
                () -> "genfleet's loop not assigned within " + timeout + ": " + loop.assignment());
    }

    @Override
    public void close() {
        loop.stop();
        try {
            thread.join(SHUTDOWN_TIMEOUT.plusSeconds(20).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
