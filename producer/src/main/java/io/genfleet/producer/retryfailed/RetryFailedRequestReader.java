package io.genfleet.producer.retryfailed;

import io.genfleet.common.item.ItemKey;
import io.genfleet.common.status.ErrorType;
import io.genfleet.producer.ProducerSettings;
import io.genfleet.producer.batch.BatchRequestReader;
import io.genfleet.producer.batch.RequestTooLargeException;
import io.genfleet.producer.batch.UnsupportedContentTypeException;
import io.genfleet.producer.web.FieldError;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * Reads and validates the optional body of retry-failed with the same strictness as batch submissions
 * (unknown properties, wrong types, duplicate keys and trailing content are errors naming the field; the size is
 * bounded). No body at all means "every failed_permanent item".
 */
@Component("producerRetryFailedRequestReader")
public class RetryFailedRequestReader {

    static final int MAX_ERRORS = 50;
    private static final List<String> ERROR_TYPES = Arrays.stream(ErrorType.values()).map(ErrorType::wireName).toList();

    private final long maxBytes;
    private final int maxItems;

    public RetryFailedRequestReader(ProducerSettings settings) {
        ProducerSettings.Limits limits = settings.limits();
        this.maxBytes = limits.maxRequestSize().toBytes();
        // The most items a batch can have: every scene with its shots (or one image) and a video.
        this.maxItems = limits.maxScenes() * (Math.max(limits.maxShotsPerScene(), 1) + 1);
    }

    public RetryFailedRequest read(String contentType, long contentLength, InputStream body) {
        if (contentLength > maxBytes) {
            throw new RequestTooLargeException(maxBytes);
        }
        byte[] bytes;
        try {
            bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw new InvalidRetryFailedRequestException("body", "could not be read: " + e.getMessage());
        }
        if (bytes.length > maxBytes) {
            throw new RequestTooLargeException(maxBytes);
        }
        if (bytes.length == 0) {
            return RetryFailedRequest.everything();
        }
        requireJson(contentType);
        RetryFailedRequest request;
        try {
            request = BatchRequestReader.strictMapper().readValue(bytes, RetryFailedRequest.class);
        } catch (JacksonException e) {
            throw new InvalidRetryFailedRequestException(BatchRequestReader.field(e), BatchRequestReader.message(e));
        }
        if (request == null) {
            return RetryFailedRequest.everything();
        }
        validate(request);
        return request;
    }

    private void validate(RetryFailedRequest request) {
        List<FieldError> errors = new ArrayList<>();
        List<String> errorTypes = request.errorTypes();
        if (errorTypes != null) {
            if (errorTypes.isEmpty()) {
                errors.add(new FieldError("errorTypes", "must not be empty; omit it to retry every error type"));
            } else if (errorTypes.size() > ERROR_TYPES.size() * 4) {
                errors.add(new FieldError("errorTypes", "must contain at most " + ERROR_TYPES.size() * 4 + " entries"));
            } else {
                for (int i = 0; i < errorTypes.size(); i++) {
                    if (!ERROR_TYPES.contains(errorTypes.get(i))) {
                        errors.add(new FieldError("errorTypes[" + i + "]", "must be one of " + ERROR_TYPES));
                    }
                }
            }
        }
        List<String> items = request.items();
        if (items != null) {
            if (items.isEmpty()) {
                errors.add(new FieldError("items", "must not be empty; omit it to retry every item"));
            } else if (items.size() > maxItems) {
                errors.add(new FieldError("items", "must contain at most " + maxItems + " item keys, has " + items.size()));
            } else {
                for (int i = 0; i < items.size(); i++) {
                    if (!isItemKey(items.get(i))) {
                        errors.add(new FieldError("items[" + i + "]",
                                "must be scene_{i}, scene_{i}_shot_{j} or video_scene_{i} (0-based, no leading zeros)"));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRetryFailedRequestException(errors.size() <= MAX_ERRORS ? errors : errors.subList(0, MAX_ERRORS));
        }
    }

    private static boolean isItemKey(String key) {
        try {
            ItemKey.parse(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void requireJson(String contentType) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.parseMediaType(contentType);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedContentTypeException(contentType);
        }
        boolean json = type != null && !type.isWildcardSubtype() && (MediaType.APPLICATION_JSON.isCompatibleWith(type)
                || ("application".equals(type.getType()) && type.getSubtype().endsWith("+json")));
        if (!json) {
            throw new UnsupportedContentTypeException(contentType);
        }
    }
}
