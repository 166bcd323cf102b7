package io.genfleet.producer.retryfailed;

import io.genfleet.producer.web.FieldError;
import io.genfleet.producer.web.InvalidRequestException;
import java.util.List;

/** The retry-failed request is invalid: 400 naming every invalid field. */
public class InvalidRetryFailedRequestException extends InvalidRequestException {

    public InvalidRetryFailedRequestException(List<FieldError> errors) {
        super("Invalid retry-failed request", errors);
    }

    public InvalidRetryFailedRequestException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }
}
