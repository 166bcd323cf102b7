package io.genfleet.common.status;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Why a generation attempt failed. The classification decides the retry path in one place:
 * retryable errors get the 2 s / 4 s / 8 s backoff, the others go straight to the dead-letter topic.
 */
public enum ErrorType {
    /** 5xx, connection reset and other failures that a later attempt may not see. */
    TRANSIENT(true),
    /** The provider did not answer in time (HTTP 408 or the client-side timeout). */
    TIMEOUT(true),
    /** HTTP 429. */
    RATE_LIMITED(true),
    /** The provider said this request can never succeed (HTTP 4xx other than 408/429). */
    PERMANENT(false),
    /** The request itself is invalid (e.g. an empty prompt). */
    INVALID_REQUEST(false),
    /** The provider refused the content. */
    CONTENT_POLICY(false),
    /** The Kafka record could not be read: bad JSON, unknown schemaVersion, wrong types, bad key. */
    INVALID_MESSAGE(false),
    /** An item this one waits for ended failed_permanent, so this one was never sent to a provider. */
    DEPENDENCY_FAILED(false);

    private final boolean retryable;

    ErrorType(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean isRetryable() {
        return retryable;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ErrorType fromWireName(String value) {
        for (ErrorType type : values()) {
            if (type.wireName().equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown error type '" + value + "'");
    }

    @Override
    public String toString() {
        return wireName();
    }
}
