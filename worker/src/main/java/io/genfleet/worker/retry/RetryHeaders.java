package io.genfleet.worker.retry;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.retrytopic.RetryTopicHeaders;

/** The retry bookkeeping headers that spring-kafka puts on delayed and dead-lettered records. */
public final class RetryHeaders {

    /**
     * Prefixes of headers that describe an earlier trip through a lane chain: spring-kafka's
     * {@code retry_topic-*} (attempts, due time), {@code kafka_dlt-*} (first origin, last exception)
     * and the worker's own {@code genfleet-*}.
     */
    private static final List<String> CHAIN_PREFIXES = List.of("retry_topic-", "kafka_dlt-", "genfleet-");

    private RetryHeaders() {
    }

    /** When a delayed attempt became due (absent on a lane topic). */
    public static Optional<Instant> dueAt(Headers headers) {
        Header header = headers.lastHeader(RetryTopicHeaders.DEFAULT_HEADER_BACKOFF_TIMESTAMP);
        if (header == null || header.value() == null || header.value().length == 0 || header.value().length > 16) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(new BigInteger(header.value()).longValue()));
    }

    /**
     * Drops the chain headers of a record read from a lane topic. A request replayed from a dead-letter
     * topic (a manual retry) may still carry them; spring-kafka would then count its attempts from the old
     * trip (and send the first failure straight to the dead-letter topic) and report the old origin.
     */
    public static void stripChainHeaders(Headers headers) {
        for (Header header : headers.toArray()) {
            if (CHAIN_PREFIXES.stream().anyMatch(header.key()::startsWith)) {
                headers.remove(header.key());
            }
        }
    }
}
