package io.genfleet.worker.retry;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.ExceptionHeadersCreator;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.TimestampedException;

/**
 * Writes the exception headers of a forwarded record from the listener's own exception. spring-kafka's
 * default names the wrapper ({@code TimestampedException} around {@code ListenerExecutionFailedException})
 * as the exception class, prefixes the message with the wrapper's, and adds a ~4.5 KB stack trace to every
 * hop; here the class is the real one (e.g. {@code RetryableGenerationException}), the message is its
 * message, the cause class is its cause's (when it has one), and there is no stack trace.
 */
final class RealCauseExceptionHeaders implements ExceptionHeadersCreator {

    /** Enough for any reason worth reading; an unbounded message could push a record over the size limit. */
    static final int MAX_MESSAGE_BYTES = 2048;

    @Override
    public void create(Headers headers, Exception exception, boolean isKey, HeaderNames names) {
        Throwable real = unwrap(exception);
        HeaderNames.ExceptionInfo info = names.getExceptionInfo();
        replace(headers, isKey ? info.getKeyExceptionFqcn() : info.getExceptionFqcn(), real.getClass().getName());
        headers.remove(info.getExceptionCauseFqcn());
        if (real.getCause() != null && real.getCause() != real) {
            headers.add(info.getExceptionCauseFqcn(), utf8(real.getCause().getClass().getName()));
        }
        String message = real.getMessage() == null ? real.getClass().getSimpleName() : real.getMessage();
        replace(headers, isKey ? info.getKeyExceptionMessage() : info.getExceptionMessage(), truncate(message));
        headers.remove(isKey ? info.getKeyExceptionStacktrace() : info.getExceptionStacktrace());
    }

    /** The listener's exception inside spring-kafka's wrappers. */
    static Throwable unwrap(Throwable exception) {
        Throwable current = exception;
        while ((current instanceof ListenerExecutionFailedException || current instanceof TimestampedException)
                && current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }

    private static void replace(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, utf8(value));
    }

    private static String truncate(String message) {
        byte[] bytes = utf8(message);
        if (bytes.length <= MAX_MESSAGE_BYTES) {
            return message;
        }
        return new String(bytes, 0, MAX_MESSAGE_BYTES - 3, StandardCharsets.UTF_8) + "…";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
