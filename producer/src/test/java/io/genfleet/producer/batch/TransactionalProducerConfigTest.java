package io.genfleet.producer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.producer.ProducerSettings;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class TransactionalProducerConfigTest {

    @Test
    void reliabilitySettingsWinOverGlobalSpringKafkaProperties() {
        Map<String, Object> base = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9093",
                "security.protocol", "SASL_SSL",
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "someone-else",
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "x.Y");

        Map<String, Object> config = TransactionalProducerConfig.build(base, ProducerSettings.Kafka.defaults());

        assertThat(config).containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000)
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30000)
                .containsEntry(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 45000)
                .doesNotContainKeys(ProducerConfig.TRANSACTIONAL_ID_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
    }

    @Test
    void transactionalIdPrefixNeverRepeats() {
        String first = TransactionalProducerConfig.transactionalIdPrefix();

        assertThat(first).matches("genfleet-producer-[A-Za-z0-9._-]{1,40}-[0-9a-f]{8}-");
        assertThat(TransactionalProducerConfig.transactionalIdPrefix()).isNotEqualTo(first);
    }
}
