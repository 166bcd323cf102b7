package io.genfleet.producer.status;

/** Knows which batch ids exist: the status aggregator is the source of truth for that. */
public interface BatchDirectory {

    /**
     * @return true when the batch is known, false when it is not
     * @throws DirectoryUnavailableException when the answer cannot be had (then nobody may guess)
     */
    boolean exists(String batchId);
}
