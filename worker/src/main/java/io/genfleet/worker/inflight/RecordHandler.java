package io.genfleet.worker.inflight;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What a topic loop does with a record, without blocking the loop. */
@FunctionalInterface
public interface RecordHandler {

    /**
     * Starts handling the record. The future completes when the record's outcome is durable (its events and
     * forwards acknowledged), so its offset may be committed; it completes exceptionally when the record must
     * be handled again (it is then started again after a pause, its offset still uncommitted).
     */
    CompletableFuture<?> handle(ConsumerRecord<byte[], byte[]> record);
}
