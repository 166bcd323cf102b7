package io.genfleet.common.item;

import java.util.regex.Pattern;

/**
 * The global identity of an item, {@code {batchId}/{itemKey}}: the Kafka key of requests and
 * status events, so every event of an item lands on the same partition, in order.
 */
public record ItemId(String batchId, ItemKey itemKey) {

    /**
     * The contract's batch id alphabet; also keeps ids safe in URLs, keys and log lines. No leading dot: {@code .}
     * and {@code ..} would be normalised away in a URL path, so such a batch could be written but never read back.
     */
    public static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}");

    /** {@link #BATCH_ID} in words, for error messages. */
    public static final String BATCH_ID_RULE = "must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-', "
            + "not starting with '.'";

    public ItemId {
        requireValidBatchId(batchId);
        if (itemKey == null) {
            throw new IllegalArgumentException("itemKey is required");
        }
    }

    public static ItemId of(String batchId, String itemKey) {
        return new ItemId(batchId, ItemKey.parse(itemKey));
    }

    /** Parses {@code {batchId}/{itemKey}}; a batch id never contains '/', so the split is unambiguous. */
    public static ItemId parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("item id is required");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("invalid item id '" + text + "', expected {batchId}/{itemKey}");
        }
        return of(text.substring(0, slash), text.substring(slash + 1));
    }

    public static String requireValidBatchId(String batchId) {
        if (!isValidBatchId(batchId)) {
            throw new IllegalArgumentException("invalid batchId: " + BATCH_ID_RULE);
        }
        return batchId;
    }

    /**
     * Whether {@code batchId} is a valid batch id: {@link #BATCH_ID}, checked character by character because every
     * event and request of the fleet checks its id (a test holds the two to the same answers).
     */
    public static boolean isValidBatchId(String batchId) {
        if (batchId == null || batchId.isEmpty() || batchId.length() > 64 || batchId.charAt(0) == '.') {
            return false;
        }
        for (int i = 0; i < batchId.length(); i++) {
            char c = batchId.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** The idempotency key sent with every provider call of this item in the given epoch. */
    public String idempotencyKey(int epoch) {
        return this + "/" + epoch;
    }

    @Override
    public String toString() {
        return batchId + "/" + itemKey;
    }
}
