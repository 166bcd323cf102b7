package io.genfleet.aggregator.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.json.InvalidMessageException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.DeserializationHandlerResponse;
import org.junit.jupiter.api.Test;

class SkippedRecordHandlerTest {

    @Test
    void unreadableInternalRecordIsCountedAndSkipped() {
        AtomicInteger skipped = new AtomicInteger();
        SkippedRecordHandler handler = new SkippedRecordHandler();
        handler.configure(Map.of(AggregatorStreamsProperties.SKIPPED_RECORDS_COUNTER, (Runnable) skipped::incrementAndGet));
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("x-repartition", 2, 42L,
                "k".getBytes(StandardCharsets.UTF_8), "{bad".getBytes(StandardCharsets.UTF_8));

        DeserializationHandlerResponse response = handler.handle((org.apache.kafka.streams.errors.ErrorHandlerContext) null, record,
                new InvalidMessageException("bad JSON"));

        assertThat(response).isEqualTo(DeserializationHandlerResponse.CONTINUE);
        assertThat(skipped).hasValue(1);
    }
}
