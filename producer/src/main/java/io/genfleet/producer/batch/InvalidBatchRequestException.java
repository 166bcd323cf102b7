package io.genfleet.producer.batch;

import java.util.List;

/** The request cannot become a batch; answered with 400 (or the given status) listing every field error. */
public class InvalidBatchRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidBatchRequestException(List<FieldError> errors) {
        super(errors.size() == 1 ? errors.get(0).toString() : errors.size() + " invalid fields, first " + errors.get(0));
        this.errors = List.copyOf(errors);
    }

    public InvalidBatchRequestException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
