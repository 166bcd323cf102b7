package io.genfleet.aggregator.web;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.ItemKey;

/** Validates path parameters before they reach a store; messages name the rule, never echo the input. */
final class PathParameters {

    private PathParameters() {
    }

    static String batchId(String batchId) {
        if (!ItemId.isValidBatchId(batchId)) {
            throw new InvalidParameterException("batchId", "batchId " + ItemId.BATCH_ID_RULE);
        }
        return batchId;
    }

    static ItemId itemId(String batchId, String itemKey) {
        String batch = batchId(batchId);
        try {
            return new ItemId(batch, ItemKey.parse(itemKey));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("itemKey",
                    "itemKey must be scene_{i}, scene_{i}_shot_{j} or video_scene_{i} (0-based, no leading zeros)");
        }
    }
}
