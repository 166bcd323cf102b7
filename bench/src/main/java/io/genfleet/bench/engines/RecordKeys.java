package io.genfleet.bench.engines;

import java.nio.charset.StandardCharsets;

/** A record's key is its index in the published sequence, as decimal text: what the simulated call decides on. */
final class RecordKeys {

    private RecordKeys() {
    }

    static byte[] key(int index) {
        return Integer.toString(index).getBytes(StandardCharsets.US_ASCII);
    }

    static int index(byte[] key) {
        int index = 0;
        for (byte digit : key) {
            if (digit < '0' || digit > '9') {
                throw new IllegalArgumentException("not a record index: " + new String(key, StandardCharsets.US_ASCII));
            }
            index = index * 10 + (digit - '0');
        }
        return index;
    }
}
