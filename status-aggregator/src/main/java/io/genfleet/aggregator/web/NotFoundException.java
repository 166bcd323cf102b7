package io.genfleet.aggregator.web;

/** An unknown batch or item; answered with 404. */
class NotFoundException extends RuntimeException {

    NotFoundException(String message) {
        super(message);
    }
}
