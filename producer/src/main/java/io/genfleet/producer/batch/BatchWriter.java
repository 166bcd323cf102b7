package io.genfleet.producer.batch;

/** Writes a whole batch, or nothing of it. */
public interface BatchWriter {

    /**
     * Returns once every item's {@code pending} event and request are committed.
     *
     * @throws BatchNotWrittenException when the batch was not committed (its writes are aborted)
     */
    void write(Batch batch);
}
