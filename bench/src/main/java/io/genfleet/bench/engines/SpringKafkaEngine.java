package io.genfleet.bench.engines;

import io.genfleet.bench.fleet.Pause;
import io.genfleet.worker.kafka.KafkaClientConfigs;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.MethodKafkaListenerEndpoint;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;

/**
 * spring-kafka's listener container as a {@code @KafkaListener} with an asynchronous return would build it: a
 * {@link ConcurrentMessageListenerContainer} calling {@link AsyncCallListener} through the messaging adapter, AckMode
 * MANUAL with out-of-order acknowledgements ({@code asyncAcks}), each record acknowledged when its future completes.
 * Its best settings for this workload, within the same budget of C calls in flight as genfleet's loop:
 * <ul>
 *   <li>one consumer per partition by default (concurrency 6, the lanes' partitions; {@code --w7-spring-concurrency}):
 *       with asyncAcks a consumer stops fetching until every record of its last poll is acknowledged, so one consumer
 *       per partition confines a slow call's stall to its own partition. Fewer consumers poll more records each (1:
 *       C per poll), which suits uniform calls better and slow tails worse;</li>
 *   <li>{@code max.poll.records} = C / concurrency: a poll is the most a consumer has in flight, so all consumers
 *       together reach C and never more;</li>
 *   <li>asynchronous commits, as genfleet's loop commits; the default (synchronous) would block the consumer for a
 *       round trip on every poll that has acknowledgements to commit.</li>
 * </ul>
 * Every other consumer setting is the worker's ({@link KafkaClientConfigs#consumer}), as for the loop.
 */
final class SpringKafkaEngine implements Engine {

    private final ConcurrentMessageListenerContainer<byte[], byte[]> container;
    private final int partitions;

    SpringKafkaEngine(Setup setup) {
        this.partitions = setup.partitions();
        int concurrency = concurrency(setup.concurrency(), setup.partitions());
        Map<String, Object> config = new HashMap<>(KafkaClientConfigs.consumer(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, setup.bootstrapServers())));
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords(setup.inFlightLimit(), concurrency));

        ConcurrentKafkaListenerContainerFactory<byte[], byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config, ByteArrayDeserializer::new,
                ByteArrayDeserializer::new));
        factory.setConcurrency(concurrency);
        ContainerProperties properties = factory.getContainerProperties();
        properties.setAckMode(ContainerProperties.AckMode.MANUAL);
        properties.setAsyncAcks(true);
        properties.setSyncCommits(false);

        MethodKafkaListenerEndpoint<byte[], byte[]> endpoint = new MethodKafkaListenerEndpoint<>();
        // The container's bean name, which names its consumer threads ({group}-0-C-1): their CPU is found by it.
        endpoint.setId(setup.group());
        endpoint.setGroupId(setup.group());
        endpoint.setTopics(setup.topic());
        endpoint.setBean(new AsyncCallListener(setup.calls()));
        endpoint.setMethod(AsyncCallListener.METHOD);
        DefaultMessageHandlerMethodFactory methods = new DefaultMessageHandlerMethodFactory();
        methods.afterPropertiesSet();
        endpoint.setMessageHandlerMethodFactory(methods);
        this.container = factory.createListenerContainer(endpoint);
    }

    /** More consumers than partitions would idle. */
    static int concurrency(int requested, int partitions) {
        return Math.max(1, Math.min(requested, partitions));
    }

    static int maxPollRecords(int inFlightLimit, int concurrency) {
        return Math.max(1, inFlightLimit / concurrency);
    }

    @Override
    public void start(Duration timeout) {
        container.start();
        Pause.until(this::settled, timeout, Duration.ofMillis(20),
                () -> "spring-kafka's consumers not assigned within " + timeout + ": "
                        + container.getAssignmentsByClientId());
    }

    /** Every partition owned, and no consumer with more than one partition above another. */
    private boolean settled() {
        List<KafkaMessageListenerContainer<byte[], byte[]>> consumers = container.getContainers();
        int total = 0;
        int fewest = Integer.MAX_VALUE;
        int most = 0;
        for (KafkaMessageListenerContainer<byte[], byte[]> consumer : consumers) {
            Collection<TopicPartition> assigned = consumer.getAssignedPartitions();
            int size = assigned == null ? 0 : assigned.size();
            total += size;
            fewest = Math.min(fewest, size);
            most = Math.max(most, size);
        }
        return !consumers.isEmpty() && total == partitions && most - fewest <= 1;
    }

    @Override
    public void close() {
        container.stop();
    }
}
