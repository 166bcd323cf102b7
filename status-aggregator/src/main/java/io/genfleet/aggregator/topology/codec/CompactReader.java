package io.genfleet.aggregator.topology.codec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Reads what {@link CompactWriter} wrote. A value that ends early or holds an impossible length is refused with
 * {@link IllegalArgumentException}, never read past its end.
 */
final class CompactReader {

    private final byte[] bytes;
    private int position;

    CompactReader(byte[] bytes, int start) {
        this.bytes = bytes;
        this.position = start;
    }

    int readByte() {
        require(1);
        return bytes[position++] & 0xFF;
    }

    long readVarint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int next = readByte();
            value |= (long) (next & 0x7F) << shift;
            if ((next & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes at " + position);
    }

    int readInt() {
        return Math.toIntExact(readVarint());
    }

    long readSigned() {
        return unzigzag(readVarint());
    }

    String readString() {
        byte[] raw = readBytes();
        return raw == null ? null : new String(raw, StandardCharsets.UTF_8);
    }

    byte[] readBytes() {
        long lengthPlusOne = readVarint();
        if (lengthPlusOne == 0) {
            return null;
        }
        int length = Math.toIntExact(lengthPlusOne - 1);
        require(length);
        byte[] raw = new byte[length];
        System.arraycopy(bytes, position, raw, 0, length);
        position += length;
        return raw;
    }

    Instant readInstant() {
        if (readByte() == 0) {
            return null;
        }
        long seconds = readSigned();
        return Instant.ofEpochSecond(seconds, readVarint());
    }

    Long readOptionalSigned() {
        long stored = readVarint();
        if (stored == 0) {
            return null;
        }
        return unzigzag(stored - 1);
    }

    /** The inverse of {@link CompactWriter}'s zigzag encoding. */
    private static long unzigzag(long zigzag) {
        return (zigzag >>> 1) ^ -(zigzag & 1);
    }

    /** Refuses bytes left over: a value is read whole or not at all. */
    void expectEnd() {
        if (position != bytes.length) {
            throw new IllegalArgumentException((bytes.length - position) + " bytes left after the value");
        }
    }

    private void require(int count) {
        if (count < 0 || position + count > bytes.length) {
            throw new IllegalArgumentException("value ends early: needs " + count + " more bytes at " + position
                    + " of " + bytes.length);
        }
    }
}
