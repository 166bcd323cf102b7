package io.genfleet.worker.retry;

import io.genfleet.common.topic.TopicCatalog;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.retrytopic.DeadLetterPublishingRecovererFactory;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationSupport;
import org.springframework.kafka.retrytopic.RetryTopicSchedulerWrapper;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * spring-kafka's non-blocking retry infrastructure (the only {@link RetryTopicConfigurationSupport} of the
 * context: no other genfleet service uses retry topics), set up for the worker's dead-letter headers:
 * {@code kafka_dlt-*} names, the real exception instead of spring-kafka's wrappers, no stack trace, and the
 * worker's {@value DeadLetterHeaders#ATTEMPTS} and {@value DeadLetterHeaders#ERROR_TYPE}. The first origin
 * and the last exception are kept (spring-kafka's default), so headers do not grow hop after hop.
 */
@Configuration(proxyBeanMethods = false)
public class WorkerRetryTopicConfiguration extends RetryTopicConfigurationSupport {

    private final TopicCatalog catalog;

    public WorkerRetryTopicConfiguration(TopicCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    protected void configureCustomizers(CustomizersConfigurer customizers) {
        customizers.customizeDeadLetterPublishingRecoverer(recoverer -> {
            recoverer.setHeaderNamesSupplier(DeadLetterHeaders::springHeaderNames);
            recoverer.setExceptionHeadersCreator(new RealCauseExceptionHeaders());
        });
    }

    @Override
    protected Consumer<DeadLetterPublishingRecovererFactory> configureDeadLetterPublishingContainerFactory() {
        DeadLetterHeaders headers = new DeadLetterHeaders(catalog);
        return factory -> {
            factory.setHeadersFunction(headers::forFailure);
            // Only the last retry_topic-* values (attempts, due time): headers stay the same size on every hop.
            factory.setRetainAllRetryHeaderValues(false);
            // The listeners report every failure once as a status event and the dead-letter listener logs
            // each dead item; spring-kafka would log each dead letter again with the wrappers' stack traces.
            factory.neverLogListenerException();
        };
    }

    /** Resumes delayed partitions when their next record is due. */
    @Bean
    RetryTopicSchedulerWrapper workerRetryTopicScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("worker-retry-resume-");
        scheduler.setDaemon(true);
        return new RetryTopicSchedulerWrapper(scheduler);
    }
}
