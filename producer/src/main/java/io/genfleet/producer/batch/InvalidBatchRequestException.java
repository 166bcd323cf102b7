package io.genfleet.producer.batch;

import io.genfleet.producer.web.FieldError;
import io.genfleet.producer.web.InvalidRequestException;
import java.util.List;

/** The request cannot become a batch; answered with 400 (or the given status) listing every field error. */
public class InvalidBatchRequestException extends InvalidRequestException {

    public InvalidBatchRequestException(List<FieldError> errors) {
        super("Invalid batch request", errors);
    }

    public InvalidBatchRequestException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }
}
