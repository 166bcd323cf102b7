package io.genfleet.producer.retryfailed;

/** The status service does not know the batch: 404. */
public class UnknownBatchException extends RuntimeException {

    private final String batchId;

    public UnknownBatchException(String batchId) {
        super("batch '" + batchId + "' is not known");
        this.batchId = batchId;
    }

    public String batchId() {
        return batchId;
    }
}
