package io.genfleet.aggregator.streams;

import io.genfleet.common.json.JsonSerde;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs, counts and skips a record that a source deserializer cannot read, so that one bad record never
 * stops the application (the default handler fails the stream thread, which then fails again on restart).
 * Status records never get here (they are read in the topology and dead-lettered there); this guards the
 * internal repartition topic.
 */
public class SkippedRecordHandler implements DeserializationExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(SkippedRecordHandler.class);

    private Runnable counter = () -> { };

    @Override
    public void configure(Map<String, ?> configs) {
        if (configs.get(AggregatorStreamsProperties.SKIPPED_RECORDS_COUNTER) instanceof Runnable configured) {
            counter = configured;
        }
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                 Exception exception) {
        log.error("Skipping unreadable record {}-{}@{}: {} (value: {})", record.topic(), record.partition(),
                record.offset(), exception.getMessage(), JsonSerde.preview(record.value()));
        counter.run();
        return DeserializationHandlerResponse.CONTINUE;
    }
}
