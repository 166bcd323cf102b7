package io.genfleet.e2e.load;

import io.genfleet.common.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request bodies of {@code POST /api/batches}. The battery's standard batch is 20 scenes of 4 shots and a video:
 * 100 items, 80 on the image lane and 20 on the video lane. Batch ids are left to the producer (a generated id
 * needs no existence check, so submissions do not depend on the aggregator being up).
 */
public final class Storyboards {

    public static final int ITEMS_PER_BATCH = 100;

    private Storyboards() {
    }

    /** 20 scenes x (4 shots + 1 video), every item left to the fleet's simulated provider settings. */
    public static String standard() {
        return of(20, 4, null);
    }

    /** The standard batch whose items never fail ({@code failTimes: 0} overrides the fleet's failure rate). */
    public static String neverFailing() {
        return of(20, 4, Map.of("failTimes", 0));
    }

    /**
     * {@code scenes} scenes of {@code shots} shots and a video; {@code simulate}, when given, is set on every shot
     * and video (or on the scene image when there are no shots).
     */
    public static String of(int scenes, int shots, Map<String, Object> simulate) {
        return of(scenes, shots, simulate, false);
    }

    /**
     * The same with videos that do not wait for their scene's images ({@code independent: true}): for cases that
     * expect every item to meet the simulation itself. A waiting video whose shots fail for good ends
     * {@code dependency_failed} without a provider call, and its attempts count only from its first call.
     */
    public static String withIndependentVideos(int scenes, int shots, Map<String, Object> simulate) {
        return of(scenes, shots, simulate, true);
    }

    private static String of(int scenes, int shots, Map<String, Object> simulate, boolean independentVideos) {
        List<Map<String, Object>> sceneList = new ArrayList<>();
        for (int scene = 0; scene < scenes; scene++) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("prompt", "e2e scene " + scene);
            if (shots > 0) {
                List<Map<String, Object>> shotList = new ArrayList<>();
                for (int shot = 0; shot < shots; shot++) {
                    shotList.add(withSimulation(Map.of("prompt", "shot " + shot), simulate));
                }
                body.put("shots", shotList);
            } else if (simulate != null) {
                body.put("simulate", simulate);
            }
            Map<String, Object> video = new LinkedHashMap<>(Map.of("prompt", "video of scene " + scene));
            if (independentVideos) {
                video.put("independent", true);
            }
            body.put("video", withSimulation(video, simulate));
            sceneList.add(body);
        }
        return Json.writeString(Map.of("scenes", sceneList));
    }

    private static Map<String, Object> withSimulation(Map<String, Object> item, Map<String, Object> simulate) {
        Map<String, Object> copy = new LinkedHashMap<>(item);
        if (simulate != null) {
            copy.put("simulate", simulate);
        }
        return copy;
    }
}
