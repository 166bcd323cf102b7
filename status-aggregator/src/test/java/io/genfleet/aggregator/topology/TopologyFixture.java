package io.genfleet.aggregator.topology;

import io.genfleet.aggregator.webhook.WebhookDelivery;
import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.Lane;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ItemState;
import io.genfleet.common.status.StatusEvent;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.common.webhook.Notify;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/** The aggregator topology in a {@link TopologyTestDriver}, with typed access to its topics and stores. */
final class TopologyFixture implements AutoCloseable {

    static final TopicCatalog CATALOG = TopicCatalog.defaults();

    final TopologyTestDriver driver;
    final List<String> unreadableReasons = new ArrayList<>();
    final List<StatusEvent> appliedEvents = new ArrayList<>();
    final List<BatchSummary> completedBatches = new ArrayList<>();
    private final TestInputTopic<String, StatusEvent> status;
    private final TestInputTopic<String, byte[]> rawStatus;
    private final TestOutputTopic<String, byte[]> deadLetters;
    private final Map<Lane, TestOutputTopic<String, GenerationRequest>> requests = new EnumMap<>(Lane.class);
    private final TestOutputTopic<String, StatusEvent> statusWritten;
    private final TestOutputTopic<String, WebhookDelivery> webhooks;

    final List<String> expiredBatches = new ArrayList<>();

    TopologyFixture(int historyLimit, Path stateDir) {
        this(historyLimit, Duration.ofDays(7), Instant.now(), stateDir);
    }

    /** With a batch retention and the driver's wall clock starting at {@code wallClock}. */
    TopologyFixture(int historyLimit, Duration batchRetention, Instant wallClock, Path stateDir) {
        this(historyLimit, batchRetention, wallClock, stateDir, null);
    }

    /** With a deployment-wide webhook receiver ({@code null} for none). */
    TopologyFixture(int historyLimit, Duration batchRetention, Instant wallClock, Path stateDir, Notify globalWebhook) {
        this(historyLimit, batchRetention, wallClock, stateDir, globalWebhook, StatusTopology.DEFAULT_PROGRESS_INTERVAL);
    }

    /** With a deployment-wide webhook receiver ({@code null} for none) and the interval of progress events. */
    TopologyFixture(int historyLimit, Duration batchRetention, Instant wallClock, Path stateDir, Notify globalWebhook,
                    Duration progressInterval) {
        StreamsBuilder builder = new StreamsBuilder();
        StatusTopology.build(builder, CATALOG, historyLimit, batchRetention, new StatusTopologyListener() {
            @Override
            public void batchExpired(String batchId, int items) {
                expiredBatches.add(batchId + ":" + items);
            }

            @Override
            public void unreadable(String topic, int partition, long offset, String reason) {
                unreadableReasons.add(reason);
            }

            @Override
            public void applied(StatusEvent event) {
                appliedEvents.add(event);
            }

            @Override
            public void batchCompleted(BatchSummary summary) {
                completedBatches.add(summary);
            }
        }, globalWebhook, progressInterval);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "genfleet-status-aggregator-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(builder.build(), props, wallClock);
        status = driver.createInputTopic(CATALOG.status().name(), new StringSerializer(),
                CATALOG.status().valueSerde().serializer());
        rawStatus = driver.createInputTopic(CATALOG.status().name(), new StringSerializer(), new ByteArraySerializer());
        deadLetters = driver.createOutputTopic(CATALOG.statusDeadLetter(), new StringDeserializer(),
                new ByteArrayDeserializer());
        for (Lane lane : Lane.values()) {
            requests.put(lane, driver.createOutputTopic(CATALOG.requests(lane).name(), new StringDeserializer(),
                    CATALOG.requests(lane).valueSerde().deserializer()));
        }
        webhooks = driver.createOutputTopic(CATALOG.webhooks(), new StringDeserializer(),
                WebhookDelivery.SERDE.deserializer());
        statusWritten = driver.createOutputTopic(CATALOG.status().name(), new StringDeserializer(),
                CATALOG.status().valueSerde().deserializer());
    }

    /** The requests the aggregator released to a lane since the last call, keyed by item id. */
    List<KeyValue<String, GenerationRequest>> released(Lane lane) {
        return requests.get(lane).readKeyValuesToList();
    }

    /** The status events the aggregator wrote itself since the last call. */
    List<StatusEvent> statusWritten() {
        return statusWritten.readValuesToList();
    }

    /** The webhook deliveries the aggregator wrote since the last call, keyed by batch id. */
    List<KeyValue<String, WebhookDelivery>> webhooks() {
        return webhooks.readKeyValuesToList();
    }

    void pipe(StatusEvent... events) {
        for (StatusEvent event : events) {
            status.pipeInput(event.itemId().toString(), event);
        }
    }

    void pipeRaw(String key, byte[] value) {
        rawStatus.pipeInput(key, value);
    }

    TestOutputTopic<String, byte[]> deadLetters() {
        return deadLetters;
    }

    KeyValueStore<String, ItemState> items() {
        return driver.getKeyValueStore(AggregatorStores.ITEMS);
    }

    KeyValueStore<String, BatchSummary> batches() {
        return driver.getKeyValueStore(AggregatorStores.BATCHES);
    }

    BatchSummary summary(String batchId) {
        return batches().get(batchId);
    }

    ItemState item(ItemId id) {
        return items().get(id.toString());
    }

    @Override
    public void close() {
        driver.close();
    }
}
