package io.genfleet.producer.deadletter;

/**
 * The dead-letter topics could not be read now (Kafka did not answer in time, or a topic is missing): the listing
 * is answered 503 with Retry-After, like every other Kafka outage of the producer.
 */
public class DeadLettersUnreadableException extends RuntimeException {

    public DeadLettersUnreadableException(Throwable cause) {
        super("could not read the dead-letter topics: " + cause.getMessage(), cause);
    }
}
