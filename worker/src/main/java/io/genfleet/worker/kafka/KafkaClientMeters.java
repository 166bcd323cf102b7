package io.genfleet.worker.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.MicrometerProducerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Publishes the Kafka client metrics of the worker's own consumers and producer ({@code kafka.consumer.*},
 * {@code kafka.producer.*}, e.g. the per-partition {@code records-lag} behind the lag dashboards and the
 * {@code assigned-partitions} behind the idle-lane alert). Boot binds only the factories it creates; the
 * worker builds its own, so it adds spring-kafka's Micrometer listeners itself.
 *
 * <p>One shared scheduler re-reads every client's metric set every {@link #REFRESH} (Micrometer's default is
 * 60 s, one thread per client): per-partition metrics appear only after partitions are assigned.
 */
final class KafkaClientMeters implements AutoCloseable {

    static final Duration REFRESH = Duration.ofSeconds(10);

    private final MeterRegistry registry;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

    KafkaClientMeters(MeterRegistry registry) {
        this.registry = registry;
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("worker-kafka-metrics-");
        scheduler.setDaemon(true);
        scheduler.initialize();
    }

    <K, V> ConsumerFactory.Listener<K, V> consumers() {
        return new Consumers<>(registry, scheduler);
    }

    <K, V> ProducerFactory.Listener<K, V> producers() {
        return new Producers<>(registry, scheduler);
    }

    @Override
    public void close() {
        scheduler.shutdown();
    }

    private static final class Consumers<K, V> extends MicrometerConsumerListener<K, V> {

        Consumers(MeterRegistry registry, TaskScheduler scheduler) {
            super(registry, scheduler);
        }

        @Override
        protected MeterBinder createClientMetrics(Consumer<K, V> consumer, List<Tag> tags) {
            return new KafkaClientMetrics(consumer, tags, scheduler, REFRESH);
        }
    }

    private static final class Producers<K, V> extends MicrometerProducerListener<K, V> {

        Producers(MeterRegistry registry, TaskScheduler scheduler) {
            super(registry, scheduler);
        }

        @Override
        protected MeterBinder createClientMetrics(Producer<K, V> producer, List<Tag> tags) {
            return new KafkaClientMetrics(producer, tags, scheduler, REFRESH);
        }
    }
}
