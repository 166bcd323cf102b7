package io.genfleet.common.status;

/**
 * The failure of one attempt, as shown to users.
 *
 * @param type    the classification that decided the retry path
 * @param message a human-readable message (truncated to {@value #MAX_MESSAGE_LENGTH} characters)
 */
public record ItemError(ErrorType type, String message) {

    public static final int MAX_MESSAGE_LENGTH = 500;

    public ItemError {
        if (type == null) {
            throw new IllegalArgumentException("error type is required");
        }
        message = message == null ? "" : truncate(message);
    }

    private static String truncate(String message) {
        return message.length() <= MAX_MESSAGE_LENGTH ? message : message.substring(0, MAX_MESSAGE_LENGTH - 1) + "…";
    }
}
