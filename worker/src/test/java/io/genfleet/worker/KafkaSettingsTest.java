package io.genfleet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.item.Lane;
import io.genfleet.worker.kafka.KafkaClientConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The worker's settings bind and validate at start-up, and its client settings override what they must. */
class KafkaSettingsTest {

    /** Not a {@code @Configuration}: the worker module's component scan must not pick it up. */
    @EnableConfigurationProperties(WorkerSettings.class)
    static class SettingsOnly {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(SettingsOnly.class);

    @Test
    void defaultsMatchTheDocumentedOnes() {
        runner.run(context -> assertThat(context.getBean(WorkerSettings.class)).isEqualTo(WorkerSettings.defaults()));
    }

    @Test
    void aSingleLaneCanBeSelected() {
        runner.withPropertyValues("genfleet.worker.lanes=video", "genfleet.worker.provider.latency-min=1s",
                        "genfleet.worker.provider.latency-max=1s")
                .run(context -> {
                    WorkerSettings settings = context.getBean(WorkerSettings.class);
                    assertThat(settings.lanes()).containsExactly(Lane.VIDEO);
                    assertThat(settings.provider().latencyMin()).isEqualTo(Duration.ofSeconds(1));
                });
    }

    @Test
    void theProviderCallLogIsOffByDefaultAndBindsAPath() {
        runner.withPropertyValues("genfleet.worker.provider.call-log=target/calls/worker-1.jsonl")
                .run(context -> assertThat(context.getBean(WorkerSettings.class).provider().callLog())
                        .isEqualTo(Path.of("target/calls/worker-1.jsonl")));
        assertThat(WorkerSettings.defaults().provider().callLog()).isNull();
    }

    @Test
    void nonsenseFailsStartUpWithTheReason() {
        runner.withPropertyValues("genfleet.worker.provider.latency-min=2s", "genfleet.worker.provider.latency-max=1s")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("latency-min"));
        runner.withPropertyValues("genfleet.worker.provider.failure-rate=1.5")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("genfleet.worker.lanes=audio")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("genfleet.worker.max-in-flight=0")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void consumersReadCommittedRawBytesWithShortFetchWaitsNoAutoCommitAndKafkasPollDefaults() {
        Map<String, Object> config = KafkaClientConfigs.consumer(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, List.of("k:9092"),
                ConsumerConfig.GROUP_ID_CONFIG, "someone-elses",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true));
        assertThat(config)
                .containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, List.of("k:9092"))
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .containsEntry(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false)
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50)
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500)
                .containsEntry(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                        "org.apache.kafka.clients.consumer.CooperativeStickyAssignor")
                .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG)
                .as("a generation never holds a poll: Kafka's max.poll.interval.ms applies")
                .doesNotContainKey(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        Map<String, Object> configured = KafkaClientConfigs.consumer(
                Map.of(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "3000"));
        assertThat(configured).as("a short interval is the user's to choose")
                .containsEntry(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "3000");
    }

    @Test
    void theProducerIsIdempotentWithAcksAllAndNeverTransactional() {
        Map<String, Object> config = KafkaClientConfigs.producer(Map.of(ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-"));
        assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .doesNotContainKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    }
}
