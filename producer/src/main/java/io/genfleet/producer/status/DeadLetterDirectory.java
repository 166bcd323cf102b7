package io.genfleet.producer.status;

import java.util.List;
import java.util.Optional;

/** Knows which items of a batch are failed_permanent now, and where their dead letters lie (the aggregator). */
public interface DeadLetterDirectory {

    /**
     * @return the batch's failed_permanent items (possibly none), or empty when the batch is unknown
     * @throws DirectoryUnavailableException when the answer cannot be had
     */
    Optional<List<DeadLetteredItem>> deadLettered(String batchId);
}
