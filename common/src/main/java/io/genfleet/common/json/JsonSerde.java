package io.genfleet.common.json;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;

/**
 * A Kafka serde for one genfleet message type. Reading fails with {@link InvalidMessageException}
 * (never a crash loop): the caller routes the record to a dead-letter topic with that reason.
 *
 * @param <T> the message type
 */
public final class JsonSerde<T> implements Serde<T> {

    /** Beyond this size a record is refused before parsing (messages are a few hundred bytes). */
    public static final int MAX_MESSAGE_BYTES = 256 * 1024;

    private final Class<T> type;
    private final int schemaVersion;

    /**
     * @param type          the message type
     * @param schemaVersion the only version accepted, or 0 for types that carry none (state store values)
     */
    public JsonSerde(Class<T> type, int schemaVersion) {
        this.type = type;
        this.schemaVersion = schemaVersion;
    }

    /** For values that are not messages (state stores): no schemaVersion check. */
    public static <T> JsonSerde<T> unversioned(Class<T> type) {
        return new JsonSerde<>(type, 0);
    }

    public T read(byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length > MAX_MESSAGE_BYTES) {
            throw new InvalidMessageException(type.getSimpleName() + " of " + data.length
                    + " bytes exceeds the limit of " + MAX_MESSAGE_BYTES + " bytes");
        }
        T value;
        try {
            value = Json.mapper().readValue(data, type);
        } catch (JacksonException e) {
            throw new InvalidMessageException("invalid " + type.getSimpleName() + " JSON: " + rootMessage(e), e);
        }
        if (value == null) {
            throw new InvalidMessageException("invalid " + type.getSimpleName() + ": JSON null");
        }
        if (schemaVersion > 0 && value instanceof Versioned versioned && versioned.schemaVersion() != schemaVersion) {
            throw new InvalidMessageException("unknown schemaVersion " + versioned.schemaVersion() + " of "
                    + type.getSimpleName() + ", this reader knows " + schemaVersion);
        }
        return value;
    }

    public byte[] write(T value) {
        return value == null ? null : Json.write(value);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // Jackson messages quote the input; keep the reason short enough for a header.
        String message = root instanceof JacksonException je ? je.getOriginalMessage() : root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }

    /** For logs: the start of an unreadable record. */
    public static String preview(byte[] data) {
        if (data == null) {
            return "null";
        }
        String text = new String(data, 0, Math.min(data.length, 120), StandardCharsets.UTF_8);
        return data.length > 120 ? text + "…" : text;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> write(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> read(data);
    }
}
