package io.genfleet.standalone.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The storyboard the demo submits: N scenes of M shots (or one image when M is 0), each with a video. */
public final class DemoStoryboard {

    private static final String[] SUBJECTS = {"a lighthouse at dawn", "a fox in fresh snow", "a night market in the rain",
            "a paper boat on a river", "a robot tending a garden", "a hot-air balloon over dunes"};

    private DemoStoryboard() {
    }

    /** The request body of {@code POST /api/batches}. */
    public static Map<String, Object> of(int scenes, int shotsPerScene) {
        List<Map<String, Object>> sceneList = new ArrayList<>();
        for (int i = 0; i < scenes; i++) {
            String subject = SUBJECTS[i % SUBJECTS.length];
            Map<String, Object> scene = new LinkedHashMap<>();
            scene.put("prompt", "Scene " + i + ": " + subject);
            if (shotsPerScene > 0) {
                List<Map<String, Object>> shots = new ArrayList<>();
                for (int j = 0; j < shotsPerScene; j++) {
                    shots.add(Map.of("prompt", subject + ", shot " + j));
                }
                scene.put("shots", shots);
            }
            scene.put("video", Map.of("prompt", subject + ", slow camera move"));
            sceneList.add(scene);
        }
        return Map.of("scenes", sceneList);
    }

    /** N*(max(M,1)+1): the images plus one video per scene. */
    public static int itemCount(int scenes, int shotsPerScene) {
        return scenes * (Math.max(shotsPerScene, 1) + 1);
    }
}
