package io.genfleet.aggregator.topology.codec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Appends the primitives of the stores' compact value format to a growing byte array: unsigned varints for
 * counts and small numbers, zigzag varints for signed ones, strings as UTF-8 with their length, and "absent" as a
 * length or flag of 0, so that optional fields cost one byte.
 */
final class CompactWriter {

    private byte[] bytes = new byte[128];
    private int size;

    CompactWriter writeByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
        return this;
    }

    CompactWriter writeVarint(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("varint must be >= 0, was " + value);
        }
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
        return this;
    }

    CompactWriter writeSigned(long value) {
        return writeVarint(zigzag(value));
    }

    /** A string that may be absent: its UTF-8 length + 1, then the bytes; 0 for null. */
    CompactWriter writeString(String value) {
        if (value == null) {
            return writeVarint(0);
        }
        return writeBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes that may be absent: their length + 1, then the bytes; 0 for null. */
    CompactWriter writeBytes(byte[] value) {
        if (value == null) {
            return writeVarint(0);
        }
        writeVarint(value.length + 1L);
        ensure(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
        return this;
    }

    /** An instant that may be absent: a presence byte, then seconds (zigzag) and nanoseconds. */
    CompactWriter writeInstant(Instant value) {
        if (value == null) {
            return writeByte(0);
        }
        return writeByte(1).writeSigned(value.getEpochSecond()).writeVarint(value.getNano());
    }

    /** An integer that may be absent: 0 for null, else the zigzag of the value, + 1. */
    CompactWriter writeOptionalSigned(Long value) {
        return value == null ? writeVarint(0) : writeVarint(zigzag(value) + 1);
    }

    /** Small magnitudes, negative or not, as small unsigned numbers: 0, -1, 1, -2 … → 0, 1, 2, 3 … */
    private static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
