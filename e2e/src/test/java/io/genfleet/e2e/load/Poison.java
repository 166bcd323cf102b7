package io.genfleet.e2e.load;

import io.genfleet.common.json.JsonSerde;
import java.nio.charset.StandardCharsets;

/**
 * The unreadable records the battery mixes into the lanes and the status topic. Each is keyed like a real item
 * ({@code {batchId}/{itemKey}}), so only its value is wrong.
 */
public enum Poison {
    /** Not JSON at all. */
    INVALID_JSON,
    /** Well-formed, but a schema version no reader knows. */
    UNKNOWN_SCHEMA_VERSION,
    /** Well-formed, known version, a string where a number belongs. */
    WRONG_TYPES,
    /** Well-formed, but larger than genfleet's message size limit (256 KiB), which readers refuse unparsed. */
    OVER_SIZE_LIMIT;

    /** A poison generation request for the item. */
    public byte[] request(String batchId, String itemKey) {
        return utf8(switch (this) {
            case INVALID_JSON -> "{\"schemaVersion\": 1, \"batchId\": \"" + batchId + "\", not json";
            case UNKNOWN_SCHEMA_VERSION -> request(99, batchId, itemKey, "0", "a prompt");
            case WRONG_TYPES -> request(1, batchId, itemKey, "\"soon\"", "a prompt");
            case OVER_SIZE_LIMIT -> request(1, batchId, itemKey, "0", "x".repeat(JsonSerde.MAX_MESSAGE_BYTES + 10_000));
        });
    }

    /** A poison status event for the item. */
    public byte[] statusEvent(String batchId, String itemKey) {
        return utf8(switch (this) {
            case INVALID_JSON -> "]]] not a status event";
            case UNKNOWN_SCHEMA_VERSION -> status(99, batchId, itemKey, "1", "\"e2e\"");
            case WRONG_TYPES -> status(1, batchId, itemKey, "\"first\"", "\"e2e\"");
            case OVER_SIZE_LIMIT -> status(1, batchId, itemKey, "1",
                    "\"" + "x".repeat(JsonSerde.MAX_MESSAGE_BYTES + 10_000) + "\"");
        });
    }

    /** The same request without poison: what every poison variant departs from in one way only. */
    static byte[] validRequest(String batchId, String itemKey) {
        return utf8(request(1, batchId, itemKey, "0", "a prompt"));
    }

    /** The same status event without poison. */
    static byte[] validStatusEvent(String batchId, String itemKey) {
        return utf8(status(1, batchId, itemKey, "1", "\"e2e\""));
    }

    private static String request(int version, String batchId, String itemKey, String epoch, String prompt) {
        return "{\"schemaVersion\":" + version + ",\"batchId\":\"" + batchId + "\",\"itemKey\":\"" + itemKey
                + "\",\"prompt\":\"" + prompt + "\",\"epoch\":" + epoch
                + ",\"priorAttempts\":0,\"requestedAt\":\"2026-01-01T00:00:00.000Z\"}";
    }

    private static String status(int version, String batchId, String itemKey, String attempt, String resultUri) {
        return "{\"schemaVersion\":" + version + ",\"batchId\":\"" + batchId + "\",\"itemKey\":\"" + itemKey
                + "\",\"status\":\"complete\",\"epoch\":0,\"attempt\":" + attempt
                + ",\"at\":\"2026-01-01T00:00:00.000Z\",\"resultUri\":" + resultUri + "}";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
