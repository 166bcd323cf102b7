package io.genfleet.producer.batch;

/** The batch id is already taken: 409. */
public class BatchExistsException extends RuntimeException {

    private final String batchId;

    public BatchExistsException(String batchId, String message) {
        super(message);
        this.batchId = batchId;
    }

    public String batchId() {
        return batchId;
    }
}
