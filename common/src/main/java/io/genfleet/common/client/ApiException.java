package io.genfleet.common.client;

/** The API answered, but not with what the caller needed; the answer is kept for the caller's message. */
public final class ApiException extends RuntimeException {

    private final transient ApiResponse response;

    public ApiException(String message, ApiResponse response) {
        super(message);
        this.response = response;
    }

    public ApiResponse response() {
        return response;
    }
}
