package io.genfleet.aggregator.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.aggregator.AggregatorSettings;
import io.genfleet.common.topic.TopicSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

class AggregatorStreamsPropertiesTest {

    private static final TopicSettings TOPICS = new TopicSettings("genfleet.", 6, (short) 3, true,
            List.of(Duration.ofSeconds(2)));

    @Test
    void usesTheContractApplicationIdExactlyOnceAndTheSettings() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of("kafka-1:9092", "kafka-2:9092"));
        AggregatorSettings settings = new AggregatorSettings(50, "/data/streams", "aggregator-0.aggregator:8081", 1,
                Duration.ofMillis(300), Duration.ofMinutes(30), Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofDays(7));

        Properties props = AggregatorStreamsProperties.build(kafka, settings, TOPICS, () -> { });

        assertThat(props.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("genfleet-status-aggregator");
        assertThat(props.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)).asString().contains("kafka-1:9092");
        assertThat(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(props.get(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo("/data/streams");
        assertThat(props.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG)).isEqualTo(1);
        assertThat(props.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(100);
        assertThat(props.get(StreamsConfig.REPLICATION_FACTOR_CONFIG)).isEqualTo(3);
        assertThat(props.get(StreamsConfig.APPLICATION_SERVER_CONFIG)).isEqualTo("aggregator-0.aggregator:8081");
        assertThat(props.get("main.consumer.session.timeout.ms")).isEqualTo(10_000);
        assertThat(props.get("main.consumer.heartbeat.interval.ms")).isEqualTo(1_000);
        // Kafka Streams hands the override to its main consumer (its own default is false: no LeaveGroup on close).
        assertThat(new StreamsConfig(props).getMainConsumerConfigs("group", "client", 0))
                .containsEntry("internal.leave.group.on.close", true);
        // Everything must be a valid Streams configuration.
        assertThat(new StreamsConfig(props).getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    }

    @Test
    void springKafkaStreamsApplicationIdOverridesAndEmptyApplicationServerIsLeftOut() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getStreams().setApplicationId("genfleet-status-aggregator-staging");

        Properties props = AggregatorStreamsProperties.build(kafka, AggregatorSettings.defaults(), TOPICS, () -> { });

        assertThat(props.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("genfleet-status-aggregator-staging");
        assertThat(props).doesNotContainKey(StreamsConfig.APPLICATION_SERVER_CONFIG);
        assertThat(props.get(StreamsConfig.STATE_DIR_CONFIG))
                .isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "genfleet-streams").toString());
    }

    @Test
    void groupTimingsSetInSpringKafkaStreamsPropertiesWinInEitherForm() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getStreams().getProperties().put("session.timeout.ms", "30000");
        kafka.getStreams().getProperties().put("consumer.heartbeat.interval.ms", "3000");
        kafka.getStreams().getProperties().put("main.consumer.internal.leave.group.on.close", "false");

        Properties props = AggregatorStreamsProperties.build(kafka, AggregatorSettings.defaults(), TOPICS, () -> { });

        var consumer = new StreamsConfig(props).getMainConsumerConfigs("group", "client", 0);
        assertThat(consumer.get("session.timeout.ms")).hasToString("30000");
        assertThat(consumer.get("heartbeat.interval.ms")).hasToString("3000");
        assertThat(consumer.get("internal.leave.group.on.close")).hasToString("false");
    }
}
