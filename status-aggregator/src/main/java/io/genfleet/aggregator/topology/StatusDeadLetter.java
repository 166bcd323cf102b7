package io.genfleet.aggregator.topology;

import io.genfleet.common.json.InvalidMessageException;
import io.genfleet.common.topic.ChainHeaders;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers of a dead-lettered status record: the {@link ChainHeaders} the lane dead-letter topics carry, so one
 * tool reads both.
 */
final class StatusDeadLetter {

    private StatusDeadLetter() {
    }

    /** The original headers plus where the record came from and why it was refused. */
    static Headers headers(Headers original, String topic, int partition, long offset, long timestamp, String reason) {
        RecordHeaders headers = new RecordHeaders(original == null ? null : original.toArray());
        ChainHeaders.addOrigin(headers, topic, partition, offset, timestamp, null, null);
        ChainHeaders.setFailure(headers, new InvalidMessageException(reason));
        return headers;
    }
}
