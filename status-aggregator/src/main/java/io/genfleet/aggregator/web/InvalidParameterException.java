package io.genfleet.aggregator.web;

/** A path parameter that is not in the contract's alphabet; answered with 400 naming the parameter. */
class InvalidParameterException extends RuntimeException {

    private final String parameter;

    InvalidParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}
