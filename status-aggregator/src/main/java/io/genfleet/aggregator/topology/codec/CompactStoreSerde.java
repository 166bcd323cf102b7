package io.genfleet.aggregator.topology.codec;

import io.genfleet.common.json.JsonSerde;
import io.genfleet.common.status.BatchSummary;
import io.genfleet.common.status.ItemState;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;

/**
 * The serde of a state store's values: the compact binary format, marked by its first byte. Every event reads and
 * writes an item and its batch's summary, so this format (no field names, numbers as varints, no text parsing) is
 * what keeps the aggregator's cost per event low; JSON cost about half of the aggregator's CPU.
 *
 * <p>Values written as JSON by earlier versions (first byte {@code '{'}) are still read, so stores and changelogs
 * upgrade in place: each value is rewritten compactly the next time its key changes. The stores and their changelog
 * topics are internal to the aggregator; what the status API serves stays JSON.
 */
public final class CompactStoreSerde<T> implements Serde<T> {

    /** The first byte of a value in the compact format, version 1; JSON values start with '{' (0x7B). */
    static final int FORMAT_V1 = 0x01;

    private final Class<T> type;
    private final ValueCodec<T> codec;
    private final JsonSerde<T> legacyJson;

    private CompactStoreSerde(Class<T> type, ValueCodec<T> codec) {
        this.type = type;
        this.codec = codec;
        this.legacyJson = JsonSerde.unversioned(type);
    }

    public static CompactStoreSerde<ItemState> itemStates() {
        return new CompactStoreSerde<>(ItemState.class, new ItemStateCodec());
    }

    public static CompactStoreSerde<BatchSummary> batchSummaries() {
        return new CompactStoreSerde<>(BatchSummary.class, new BatchSummaryCodec());
    }

    public byte[] write(T value) {
        if (value == null) {
            return null;
        }
        CompactWriter out = new CompactWriter().writeByte(FORMAT_V1);
        codec.write(value, out);
        return out.toByteArray();
    }

    public T read(byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length == 0) {
            throw new SerializationException("empty " + type.getSimpleName() + " store value");
        }
        if (data[0] == '{') {
            return legacyJson.read(data);
        }
        if (data[0] != FORMAT_V1) {
            throw new SerializationException("unknown format " + (data[0] & 0xFF) + " of a " + type.getSimpleName()
                    + " store value; this version reads format " + FORMAT_V1 + " and JSON");
        }
        try {
            CompactReader in = new CompactReader(data, 1);
            T value = codec.read(in);
            in.expectEnd();
            return value;
        } catch (IllegalArgumentException | ArithmeticException | JacksonException e) {
            throw new SerializationException("unreadable " + type.getSimpleName() + " store value: " + e.getMessage(), e);
        }
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
