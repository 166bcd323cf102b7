package io.genfleet.producer.retryfailed;

import io.genfleet.producer.status.DeadLetterDirectory;
import io.genfleet.producer.status.DeadLetteredItem;
import io.genfleet.producer.status.DirectoryUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The aggregator's dead-letters listing, as a test sets it. */
public class StubDeadLetterDirectory implements DeadLetterDirectory {

    public final Map<String, List<DeadLetteredItem>> batches = new ConcurrentHashMap<>();
    public volatile boolean unavailable;

    public void reset() {
        batches.clear();
        unavailable = false;
    }

    @Override
    public Optional<List<DeadLetteredItem>> deadLettered(String batchId) {
        if (unavailable) {
            throw new DirectoryUnavailableException("the status service answered 503", null);
        }
        return Optional.ofNullable(batches.get(batchId));
    }
}
