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
     *
     * @param callEnded run by the handler as soon as the record's provider call has answered, before its outcome
     *                  is published, so that the loop may start the next call (see {@link InFlightLimiter}); a
     *                  handler that makes no such call may ignore it (the loop runs it when the future completes)
     */
    CompletableFuture<?> handle(ConsumerRecord<byte[], byte[]> record, Runnable callEnded);
}
