package io.genfleet.producer.batch;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.item.ItemKey;
import io.genfleet.common.request.Simulation;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.webhook.Notify;
import io.genfleet.producer.batch.SubmitBatchRequest.Scene;
import io.genfleet.producer.batch.SubmitBatchRequest.Shot;
import io.genfleet.producer.batch.SubmitBatchRequest.Simulate;
import io.genfleet.producer.batch.SubmitBatchRequest.Video;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Turns a validated storyboard into the contract's items: a scene without shots is one image
 * {@code scene_{i}}; a scene with shots is one image per shot {@code scene_{i}_shot_{j}} (the scene
 * itself then has no image of its own); a scene with a {@code video} object also gets
 * {@code video_scene_{i}}, which waits for the scene's images unless it says otherwise. A scene's {@code params} go
 * with its image or with each of its shots (a shot's own win key by key), not with its video. So N scenes of M shots
 * each, all with a video, make N * (max(M,1) + 1) items.
 */
@Component("producerStoryboardExpander")
public class StoryboardExpander {

    public Batch expand(String batchId, SubmitBatchRequest request) {
        List<BatchItem> items = new ArrayList<>();
        List<Scene> scenes = request.scenes();
        for (int i = 0; i < scenes.size(); i++) {
            Scene scene = scenes.get(i);
            List<Shot> shots = scene.shots() == null ? List.of() : scene.shots();
            if (shots.isEmpty()) {
                items.add(item(batchId, ItemKey.sceneImage(i), scene.prompt(), scene.simulate(), scene.params()));
            }
            for (int j = 0; j < shots.size(); j++) {
                Shot shot = shots.get(j);
                items.add(item(batchId, ItemKey.shotImage(i, j), shot.prompt(), shot.simulate(),
                        shotParams(scene, shot)));
            }
            if (scene.video() != null) {
                String prompt = scene.video().prompt() == null ? scene.prompt() : scene.video().prompt();
                items.add(new BatchItem(new ItemId(batchId, ItemKey.sceneVideo(i)), prompt,
                        simulation(scene.video().simulate()), dependencies(i, shots.size(), scene.video()),
                        scene.video().params(), scene.video().imageUri()));
            }
        }
        SubmitBatchRequest.NotifyRequest notify = request.notification();
        return new Batch(batchId, items, notify == null ? null : new Notify(notify.url(), notify.events()));
    }

    /** What a scene's video waits for: the scene image, every shot, the chosen shot, or nothing. */
    private static List<ItemKey> dependencies(int scene, int shots, Video video) {
        if (Boolean.TRUE.equals(video.independent())) {
            return List.of();
        }
        if (shots == 0) {
            return List.of(ItemKey.sceneImage(scene));
        }
        if (video.fromShot() != null) {
            return List.of(ItemKey.shotImage(scene, video.fromShot()));
        }
        List<ItemKey> all = new ArrayList<>();
        for (int j = 0; j < shots; j++) {
            all.add(ItemKey.shotImage(scene, j));
        }
        return all;
    }

    private static BatchItem item(String batchId, ItemKey key, String prompt, Simulate simulate,
                                  Map<String, Object> params) {
        return new BatchItem(new ItemId(batchId, key), prompt, simulation(simulate), List.of(), params, null);
    }

    /** A shot's params: its scene's, with the shot's own winning key by key; null when neither has any. */
    static Map<String, Object> shotParams(Scene scene, Shot shot) {
        if (scene.params() == null || scene.params().isEmpty()) {
            return shot.params();
        }
        Map<String, Object> merged = new LinkedHashMap<>(scene.params());
        if (shot.params() != null) {
            merged.putAll(shot.params());
        }
        return merged;
    }

    private static Simulation simulation(Simulate simulate) {
        if (simulate == null) {
            return null;
        }
        ErrorType error = simulate.error() == null ? null : ErrorType.fromWireName(simulate.error());
        return new Simulation(simulate.failTimes(), error, simulate.latencyMs());
    }
}
