package io.genfleet.producer.web;

/**
 * One problem with the request, as shown in the {@code errors} array of a problem answer.
 *
 * @param field   where, in the request's own spelling, e.g. {@code scenes[2].shots[0].prompt}
 * @param message what is wrong there
 */
public record FieldError(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
