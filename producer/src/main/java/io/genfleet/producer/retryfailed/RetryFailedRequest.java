package io.genfleet.producer.retryfailed;

import java.util.List;

/**
 * The optional body of {@code POST /api/batches/{batchId}/retry-failed}: narrows the retry. Absent fields
 * (or no body) mean "every failed_permanent item".
 *
 * @param errorTypes only items whose last error has one of these types (wire names, e.g. {@code rate_limited})
 * @param items      only these item keys
 */
public record RetryFailedRequest(List<String> errorTypes, List<String> items) {

    public static RetryFailedRequest everything() {
        return new RetryFailedRequest(null, null);
    }
}
