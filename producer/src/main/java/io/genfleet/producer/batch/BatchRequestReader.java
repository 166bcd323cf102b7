package io.genfleet.producer.batch;

import io.genfleet.producer.ProducerSettings;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads the body of {@code POST /api/batches} strictly, with its own mapper rather than the web
 * layer's shared one (standalone shares that with other modules):
 * <ul>
 *   <li>unknown properties are rejected, so a typo such as {@code "simualte"} is an error instead of a
 *       silently ignored simulation;</li>
 *   <li>no type coercion: {@code "failTimes": "3"}, {@code 2.5} or {@code "prompt": 7} are wrong types;</li>
 *   <li>duplicate keys and trailing content are malformed JSON;</li>
 *   <li>the body is read up to {@code max-request-size} bytes and refused beyond it (413).</li>
 * </ul>
 * Every failure names the field in the request's own spelling, e.g. {@code scenes[1].shots[0].simulate.failTimes}.
 */
@Component("producerBatchRequestReader")
public class BatchRequestReader {

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // ALLOW_COERCION_OF_SCALARS does not cover number/boolean to string: forbid those explicitly.
            .withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private final long maxBytes;

    public BatchRequestReader(ProducerSettings settings) {
        this.maxBytes = settings.limits().maxRequestSize().toBytes();
    }

    /**
     * @param contentType   the request's Content-Type header, or null
     * @param contentLength the declared length, or -1 when unknown (chunked)
     * @param body          the body stream
     */
    public SubmitBatchRequest read(String contentType, long contentLength, InputStream body) {
        requireJson(contentType);
        if (contentLength > maxBytes) {
            throw new RequestTooLargeException(maxBytes);
        }
        byte[] bytes = readAtMost(body);
        if (bytes.length == 0) {
            throw new InvalidBatchRequestException("body", "is required (a JSON object with 'scenes')");
        }
        SubmitBatchRequest request;
        try {
            request = STRICT.readValue(bytes, SubmitBatchRequest.class);
        } catch (JacksonException e) {
            throw new InvalidBatchRequestException(field(e), message(e));
        }
        if (request == null) {
            throw new InvalidBatchRequestException("body", "must be a JSON object, was null");
        }
        return request;
    }

    private void requireJson(String contentType) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.parseMediaType(contentType);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedContentTypeException(contentType);
        }
        boolean json = type != null && (MediaType.APPLICATION_JSON.isCompatibleWith(type)
                || ("application".equals(type.getType()) && type.getSubtype().endsWith("+json")));
        if (!json || type.isWildcardSubtype()) {
            throw new UnsupportedContentTypeException(contentType);
        }
    }

    private byte[] readAtMost(InputStream body) {
        try {
            // One byte more than allowed tells "exactly at the limit" from "beyond it" without reading it all.
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new RequestTooLargeException(maxBytes);
            }
            return bytes;
        } catch (IOException e) {
            // Typically the client went away mid-body: its problem, not a server error.
            throw new InvalidBatchRequestException("body", "could not be read: " + e.getMessage());
        }
    }

    /** The strict mapper, for the producer's other request bodies (retry-failed). */
    public static JsonMapper strictMapper() {
        return STRICT;
    }

    /** The JSON path of the failure in the request's spelling, or {@code body} for the document itself. */
    public static String field(JacksonException e) {
        if (isSyntaxError(e)) {
            // The parser's context names where it stopped, not a field the caller got wrong.
            return "body";
        }
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /** What is wrong, for the field that {@link #field} names. */
    public static String message(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown property, expected one of " + names(unknown.getKnownPropertyIds());
        }
        String original = e.getOriginalMessage();
        if (original != null && original.startsWith("Trailing token")) {
            return "malformed JSON: unexpected content after the JSON object";
        }
        if (e instanceof InputCoercionException) {
            return "is a number out of range";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + describe(mismatch.getTargetType());
        }
        var location = e.getLocation();
        String where = location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        return "malformed JSON: " + reason(e, original) + where;
    }

    private static boolean isSyntaxError(JacksonException e) {
        return e instanceof StreamReadException && !(e instanceof InputCoercionException);
    }

    /**
     * What the parser found, in words of the request rather than of the parser: its own messages name features
     * and classes ("StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION disabled") that mean nothing to a caller.
     */
    static String reason(JacksonException e, String original) {
        String message = original == null ? "" : original;
        if (e instanceof UnexpectedEndOfInputException || message.contains("end-of-input")) {
            return "the document ends before it is complete";
        }
        if (e instanceof StreamConstraintsException) {
            return "nested too deeply, or a number or string is too long";
        }
        if (message.startsWith("Duplicate Object property") || message.startsWith("Duplicate field")) {
            return "a property appears twice in the same object";
        }
        if (message.startsWith("Unexpected close marker")) {
            return "a closing bracket does not match the opening one";
        }
        java.util.regex.Matcher unexpected = UNEXPECTED_CHARACTER.matcher(message);
        if (unexpected.find()) {
            return "unexpected character " + unexpected.group(1);
        }
        if (message.startsWith("Unrecognized token")) {
            return "a value is neither a string, a number, true, false, null, an object nor an array";
        }
        if (message.contains("Invalid UTF-8") || message.contains("Invalid character")) {
            return "the body is not valid UTF-8 text";
        }
        return "not a JSON document";
    }

    private static final java.util.regex.Pattern UNEXPECTED_CHARACTER =
            java.util.regex.Pattern.compile("^Unexpected character \\(('.{1,2}')");

    private static String describe(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static List<String> names(Collection<Object> ids) {
        return ids == null ? List.of() : ids.stream().map(String::valueOf).sorted().toList();
    }
}
