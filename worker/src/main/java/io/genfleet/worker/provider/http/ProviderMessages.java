package io.genfleet.worker.provider.http;

import io.genfleet.common.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The provider's own words from an error answer, for {@code lastError}: OpenAI's
 * {@code {"error": {"code", "message"}}}, the common {@code {"error": "..."}}, {@code {"detail": "..."}} and
 * {@code {"message": "..."}}, else the body's text; at most {@value #MAX_LENGTH} characters.
 */
public final class ProviderMessages {

    static final int MAX_LENGTH = 500;

    private ProviderMessages() {
    }

    public static String of(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        JsonNode json;
        try {
            json = Json.mapper().readTree(text);
        } catch (JacksonException notJson) {
            return truncate(text);
        }
        return truncate(of(json).orElse(text));
    }

    /** The message of a JSON error answer or of a failed job's error field (a string or an object). */
    public static Optional<String> of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Optional.empty();
        }
        if (node.isValueNode()) {
            return Optional.of(node.asString());
        }
        JsonNode error = node.get("error");
        if (error != null && error.isObject()) {
            String code = text(error, "code");
            String message = text(error, "message");
            return Optional.of(code.isEmpty() ? message : message.isEmpty() ? code : code + ": " + message);
        }
        for (String field : new String[] {"error", "detail", "message", "failure_reason", "failure"}) {
            JsonNode value = node.get(field);
            if (value != null && value.isValueNode() && !value.isNull()) {
                return Optional.of(value.asString());
            }
        }
        return Optional.of(node.toString());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asString();
    }

    private static String truncate(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "...";
    }
}
