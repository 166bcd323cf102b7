package io.genfleet.producer.status;

/** The status service gave no usable answer (unreachable, timed out, or a status other than 200/404): 503. */
public class DirectoryUnavailableException extends RuntimeException {

    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
