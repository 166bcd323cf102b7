package io.genfleet.bench.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request bodies for {@code POST /api/batches}: image items only ({@code scene_{i}_shot_{j}}), so every
 * workload runs through one lane and its figures are the image lane's.
 */
public final class Storyboards {

    /** The producer's default limits: 200 scenes of at most 50 shots. */
    public static final int MAX_SHOTS = 50;
    public static final int MAX_ITEMS = 200 * MAX_SHOTS;

    private Storyboards() {
    }

    /**
     * A storyboard of {@code items} shot images, 50 shots per scene (the last scene takes the rest).
     *
     * @param simulate the contract's per-item {@code simulate} object for every shot, or null for the
     *                 worker's global provider settings
     */
    public static Map<String, Object> shots(String batchId, int items, Map<String, Object> simulate) {
        if (items < 1 || items > MAX_ITEMS) {
            throw new IllegalArgumentException("a batch holds 1.." + MAX_ITEMS + " items, not " + items);
        }
        List<Map<String, Object>> scenes = new ArrayList<>();
        for (int scene = 0; scene * MAX_SHOTS < items; scene++) {
            int shots = Math.min(MAX_SHOTS, items - scene * MAX_SHOTS);
            List<Map<String, Object>> shotList = new ArrayList<>(shots);
            for (int shot = 0; shot < shots; shot++) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("prompt", "bench shot " + shot);
                if (simulate != null) {
                    body.put("simulate", simulate);
                }
                shotList.add(body);
            }
            scenes.add(Map.of("prompt", "bench scene " + scene, "shots", shotList));
        }
        return Map.of("batchId", batchId, "scenes", scenes);
    }

    /** The item key of the n-th item of {@link #shots}. */
    public static String shotKey(int index) {
        return "scene_" + index / MAX_SHOTS + "_shot_" + index % MAX_SHOTS;
    }

    /** Splits {@code items} into batches of at most {@code perBatch}. */
    public static List<Integer> split(int items, int perBatch) {
        List<Integer> sizes = new ArrayList<>();
        for (int left = items; left > 0; left -= perBatch) {
            sizes.add(Math.min(perBatch, left));
        }
        return sizes;
    }
}
