package io.genfleet.producer.web;

import java.util.List;

/**
 * A request the producer cannot act on: answered with a problem naming every invalid field. Each kind of request
 * has its own subclass (its title says which), so a handler never has to tell them apart by type.
 */
public class InvalidRequestException extends RuntimeException {

    private final String title;
    private final List<FieldError> errors;

    /** @param title the problem's title, e.g. {@code Invalid dead-letter query} */
    public InvalidRequestException(String title, List<FieldError> errors) {
        super(errors.size() == 1 ? errors.get(0).toString() : errors.size() + " invalid fields, first " + errors.get(0));
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public InvalidRequestException(String title, String field, String message) {
        this(title, List.of(new FieldError(field, message)));
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
