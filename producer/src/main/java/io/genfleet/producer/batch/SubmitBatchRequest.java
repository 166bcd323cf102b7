package io.genfleet.producer.batch;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/batches}, as the contract spells it. Every field is nullable here:
 * {@link BatchRequestValidator} says what is missing or wrong, per field, in one answer.
 *
 * @param batchId the client's id for the batch, or null to have one generated
 * @param scenes  the storyboard
 * @param notification {@code notify}: the batch's webhook receiver and the events it wants, or null (a record
 *                     component cannot be called {@code notify})
 */
public record SubmitBatchRequest(String batchId, List<Scene> scenes,
                                 @JsonProperty("notify") NotifyRequest notification) {

    /** A storyboard without webhooks. */
    public SubmitBatchRequest(String batchId, List<Scene> scenes) {
        this(batchId, scenes, null);
    }

    /** {@code "notify": {"url": "https://...", "events": ["batch.done", "item.failed_permanent"]}}. */
    public record NotifyRequest(String url, List<String> events) {
    }

    /**
     * @param prompt   the scene's prompt (its image when it has no shots; its video's prompt by default)
     * @param shots    the scene's shots; none (null or empty) makes the scene one image {@code scene_{i}}
     * @param video    present when the scene gets a video {@code video_scene_{i}}
     * @param simulate the simulated provider's behaviour for the scene image
     * @param params   passed to the provider with the scene's image, or with each of its shots (a shot's own
     *                 params win key by key); not with its video
     */
    public record Scene(String prompt, List<Shot> shots, Video video, Simulate simulate, Map<String, Object> params) {

        public Scene(String prompt, List<Shot> shots, Video video, Simulate simulate) {
            this(prompt, shots, video, simulate, null);
        }
    }

    /** One shot: the image {@code scene_{i}_shot_{j}}; {@code params} go to the provider with it. */
    public record Shot(String prompt, Simulate simulate, Map<String, Object> params) {

        public Shot(String prompt, Simulate simulate) {
            this(prompt, simulate, null);
        }
    }

    /**
     * The video of a scene; its prompt defaults to the scene's. It waits for the scene's images by default (the scene
     * image, or every shot): {@code fromShot} picks one shot, {@code independent: true} waits for nothing.
     * {@code params} go to the provider with the video; {@code imageUri} names the image to animate (it wins over
     * the results of the images it waited for).
     */
    public record Video(String prompt, Simulate simulate, Integer fromShot, Boolean independent,
                        Map<String, Object> params, String imageUri) {

        /** A video that waits for all of its scene's images. */
        public Video(String prompt, Simulate simulate) {
            this(prompt, simulate, null, null);
        }

        public Video(String prompt, Simulate simulate, Integer fromShot, Boolean independent) {
            this(prompt, simulate, fromShot, independent, null, null);
        }
    }

    /**
     * The contract's {@code simulate} object. {@code error} stays a string here so that an unknown
     * value is reported with the accepted ones, like every other field error.
     */
    public record Simulate(Integer failTimes, String error, Integer latencyMs) {
    }
}
