package io.genfleet.producer.retry;

import io.genfleet.producer.batch.FieldError;
import io.genfleet.producer.batch.InvalidBatchRequestException;
import java.util.List;

/** The retry-failed request is invalid: 400 naming every invalid field. */
public class InvalidRetryRequestException extends InvalidBatchRequestException {

    public InvalidRetryRequestException(List<FieldError> errors) {
        super(errors);
    }

    public InvalidRetryRequestException(String field, String message) {
        super(field, message);
    }
}
