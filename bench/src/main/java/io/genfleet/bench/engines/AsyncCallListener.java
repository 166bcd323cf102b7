package io.genfleet.bench.engines;

import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The listener method a {@code @KafkaListener} would have, with spring-kafka's asynchronous return: the container
 * acknowledges the record when the returned future completes.
 */
public final class AsyncCallListener {

    static final Method METHOD;

    static {
        try {
            METHOD = AsyncCallListener.class.getMethod("onRecord", ConsumerRecord.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SimulatedCalls calls;

    AsyncCallListener(SimulatedCalls calls) {
        this.calls = calls;
    }

    /** Called by spring-kafka's messaging adapter; public for it. */
    public CompletableFuture<Void> onRecord(ConsumerRecord<byte[], byte[]> record) {
        return calls.call(record);
    }
}
