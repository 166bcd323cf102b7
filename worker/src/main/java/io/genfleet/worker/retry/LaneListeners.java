package io.genfleet.worker.retry;

import io.genfleet.common.item.Lane;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.worker.WorkerSettings;
import io.genfleet.worker.generation.GenerationListener;
import io.genfleet.worker.kafka.WorkerKafkaClients;
import io.genfleet.worker.provider.FailureClassifier;
import java.lang.reflect.Method;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.annotation.KafkaListenerConfigurer;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistrar;
import org.springframework.kafka.config.MethodKafkaListenerEndpoint;
import org.springframework.kafka.retrytopic.DestinationTopic;
import org.springframework.kafka.retrytopic.DestinationTopicResolver;
import org.springframework.kafka.retrytopic.DltStrategy;
import org.springframework.kafka.retrytopic.RetryTopicConfiguration;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationBuilder;
import org.springframework.kafka.retrytopic.RetryTopicConfigurer;
import org.springframework.kafka.retrytopic.SameIntervalTopicReuseStrategy;
import org.springframework.kafka.retrytopic.TopicSuffixingStrategy;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.ReflectionUtils;

/**
 * Registers, for each configured lane, the listener of its request topic and spring-kafka's non-blocking
 * retry chain behind it: one delay topic per configured delay, then the dead-letter topic with its own
 * listener. Programmatic, because the lanes come from configuration.
 *
 * <pre>
 *   {lane}.requests ──fail──▶ -retry-2000 ──fail──▶ -retry-4000 ──fail──▶ -retry-8000 ──fail──▶ -dlt
 *   group genfleet-worker-{lane}, then the same group id plus the topic's suffix
 *   client ids: the group id plus "-{consumer thread}", e.g. genfleet-worker-image-retry-2000-0
 * </pre>
 * Topic names are pinned to the {@link TopicCatalog}'s (suffixes {@code -retry-{delay ms}} and {@code -dlt},
 * one topic per delay) and checked against it at start-up; spring-kafka creates no topic (the catalog's
 * provisioner does, with the lane's partition count).
 */
@Component("workerLaneListeners")
public class LaneListeners implements KafkaListenerConfigurer {

    static final String CONTAINER_FACTORY = "workerListenerContainerFactory";

    private final WorkerSettings settings;
    private final TopicCatalog catalog;
    private final RetryTopicConfigurer retryTopics;
    private final DestinationTopicResolver destinations;
    private final ConcurrentKafkaListenerContainerFactory<byte[], byte[]> containerFactory;
    private final WorkerKafkaClients clients;
    private final GenerationListener generationListener;
    private final DeadLetterListener deadLetterListener;
    private final DefaultMessageHandlerMethodFactory handlerMethods = new DefaultMessageHandlerMethodFactory();

    public LaneListeners(WorkerSettings settings, TopicCatalog catalog, RetryTopicConfigurer retryTopics,
                         DestinationTopicResolver destinations,
                         @Qualifier(CONTAINER_FACTORY)
                         ConcurrentKafkaListenerContainerFactory<byte[], byte[]> containerFactory,
                         WorkerKafkaClients clients, GenerationListener generationListener,
                         DeadLetterListener deadLetterListener) {
        this.settings = settings;
        this.catalog = catalog;
        this.retryTopics = retryTopics;
        this.destinations = destinations;
        this.containerFactory = containerFactory;
        this.clients = clients;
        this.generationListener = generationListener;
        this.deadLetterListener = deadLetterListener;
        this.handlerMethods.afterPropertiesSet();
    }

    /** The id of a lane's main listener container; its delay and dead-letter containers add the topic suffix. */
    public static String listenerId(Lane lane) {
        return "worker-" + lane.wireName();
    }

    /** The consumer group of a lane topic; delay and dead-letter consumers add the topic suffix. */
    public static String groupId(Lane lane) {
        return "genfleet-worker-" + lane.wireName();
    }

    @Override
    public void configureKafkaListeners(KafkaListenerEndpointRegistrar registrar) {
        if (settings.mode() != WorkerSettings.Mode.BLOCKING) {
            return; // the async mode's own consumers (io.genfleet.worker.inflight) read these topics
        }
        for (Lane lane : settings.lanes()) {
            MethodKafkaListenerEndpoint<byte[], byte[]> main = new MethodKafkaListenerEndpoint<>();
            main.setId(listenerId(lane));
            main.setBean(generationListener);
            main.setMethod(listenerMethod(GenerationListener.class, GenerationListener.METHOD));
            retryTopics.processMainAndRetryListeners(endpoint -> configure(endpoint, lane), main,
                    retryConfiguration(), registrar, containerFactory, CONTAINER_FACTORY);
            verifyChain(lane);
        }
    }

    /** Applied to the main, every delay and the dead-letter endpoint before spring-kafka adds the suffixes. */
    private void configure(MethodKafkaListenerEndpoint<?, ?> endpoint, Lane lane) {
        endpoint.setId(listenerId(lane));
        endpoint.setGroupId(groupId(lane));
        // Client ids name the lane and topic like the group ids (genfleet-worker-image-retry-2000-0): the
        // Kafka client metrics carry only client_id, and the dashboards and the idle-lane alert read the
        // lane and retry tier from it. Kafka's default (consumer-<group>-<sequence>) would not be stable.
        endpoint.setClientIdPrefix(groupId(lane));
        endpoint.setTopics(catalog.requests(lane).name());
        endpoint.setConcurrency(settings.concurrency());
        endpoint.setMessageHandlerMethodFactory(handlerMethods);
    }

    private RetryTopicConfiguration retryConfiguration() {
        return RetryTopicConfigurationBuilder.newInstance()
                // attempts count the first try: 1 + one per delay.
                .maxAttempts(catalog.maxAttempts())
                .customBackoff(new ListedBackOff(catalog.retryDelays()))
                // Pinned: "-retry-" + delay in ms, one topic per delay, "-dlt" (defaults changed across versions).
                .retryTopicSuffix(TopicCatalog.RETRY_SUFFIX.substring(0, TopicCatalog.RETRY_SUFFIX.length() - 1))
                .dltSuffix(TopicCatalog.DLT_SUFFIX)
                .setTopicSuffixingStrategy(TopicSuffixingStrategy.SUFFIX_WITH_DELAY_VALUE)
                .sameIntervalTopicReuseStrategy(SameIntervalTopicReuseStrategy.MULTIPLE_TOPICS)
                .doNotAutoCreateRetryTopics()
                // Causes are traversed: spring-kafka sees the listener's exception inside its wrappers.
                .notRetryOn(FailureClassifier.NOT_RETRYABLE)
                .traversingCauses()
                .dltHandlerMethod(RetryTopicConfigurer.createHandlerMethodWith(deadLetterListener,
                        listenerMethod(DeadLetterListener.class, DeadLetterListener.METHOD)))
                // Not ALWAYS_RETRY_ON_ERROR, which republishes a failing dead letter to the same topic forever.
                .dltProcessingFailureStrategy(DltStrategy.FAIL_ON_ERROR)
                .concurrency(settings.concurrency())
                .listenerFactory(containerFactory)
                .create(clients.template());
    }

    /** Fails start-up when spring-kafka's chain differs from the catalog's names or delays. */
    private void verifyChain(Lane lane) {
        List<String> chain = catalog.chain(lane);
        for (int i = 0; i + 1 < chain.size(); i++) {
            DestinationTopic next = destinations.getNextDestinationTopicFor(listenerId(lane), chain.get(i));
            boolean toDeadLetter = i + 2 == chain.size();
            boolean matches = chain.get(i + 1).equals(next.getDestinationName())
                    && (toDeadLetter ? next.isDltTopic()
                    : next.getDestinationDelay() == catalog.retryDelays().get(i).toMillis());
            if (!matches) {
                throw new IllegalStateException("spring-kafka would forward " + chain.get(i) + " to "
                        + next.getDestinationName() + " (delay " + next.getDestinationDelay() + " ms), the topic "
                        + "catalog says " + chain.get(i + 1) + "; retry delays must be distinct");
            }
        }
    }

    private static Method listenerMethod(Class<?> type, String name) {
        Method method = ReflectionUtils.findMethod(type, name, ConsumerRecord.class);
        if (method == null) {
            throw new IllegalStateException(type.getSimpleName() + "." + name + "(ConsumerRecord) not found");
        }
        return method;
    }
}
