package io.genfleet.worker.provider.httpjob;

import java.net.URI;
import java.util.List;

/**
 * The shapes of two public job APIs, from their documentation, so that using them is a few settings. Every field
 * can still be overridden one by one ({@code genfleet.providers.<lane>.http-job.*}); a provider without a preset
 * is described by those settings alone (see the README, "Writing another http-job provider").
 */
public enum HttpJobPreset {

    /** No preset: every field comes from the settings. */
    NONE(null, null, null, null, null, null, null, null, List.of(), List.of()),

    /**
     * Replicate's predictions API for official models: {@code POST /v1/models/{owner}/{name}/predictions} with
     * {@code {"input": {...}}}, then {@code GET /v1/predictions/{id}} until {@code status} is {@code succeeded}
     * (output: a URL, or a list whose first entry is used) or {@code failed}/{@code canceled} ({@code error}).
     * The model is e.g. {@code minimax/video-01}, whose input names the image to animate {@code first_frame_image}
     * (other models name it differently: override {@code body-template}); the storyboard's params go into
     * {@code input} beside the prompt (e.g. {@code prompt_optimizer}).
     */
    REPLICATE(URI.create("https://api.replicate.com"), "/v1/models/{{model}}/predictions", "/v1/predictions/{{id}}",
            "{\"input\": {\"prompt\": \"{{prompt}}\", \"first_frame_image\": \"{{imageUri}}\", \"{{params}}\": true}}",
            "/id", "/status", "/output", "/error",
            List.of("succeeded"), List.of("failed", "canceled")),

    /**
     * Luma's Dream Machine API: {@code POST /dream-machine/v1/generations} with {@code {"prompt", "model"}}, then
     * {@code GET /dream-machine/v1/generations/{id}} until {@code state} is {@code completed} (the video at
     * {@code assets.video}) or {@code failed} ({@code failure_reason}). The model is e.g. {@code ray-2}. An image to
     * animate is sent as the start keyframe, {@code "keyframes": {"frame0": {"type": "image", "url": ...}}}; the
     * storyboard's params go to the top level (e.g. {@code aspect_ratio}, {@code resolution}, {@code duration},
     * {@code loop}).
     */
    LUMA(URI.create("https://api.lumalabs.ai"), "/dream-machine/v1/generations", "/dream-machine/v1/generations/{{id}}",
            "{\"prompt\": \"{{prompt}}\", \"model\": \"{{model}}\", "
                    + "\"{{#imageUri}}\": {\"keyframes\": {\"frame0\": "
                    + "{\"type\": \"image\", \"url\": \"{{imageUri}}\"}}}, "
                    + "\"{{params}}\": true}",
            "/id", "/state", "/assets/video", "/failure_reason", List.of("completed"), List.of("failed"));

    private final URI baseUrl;
    private final String submitPath;
    private final String statusPath;
    private final String bodyTemplate;
    private final String idPointer;
    private final String statusPointer;
    private final String outputPointer;
    private final String errorPointer;
    private final List<String> successValues;
    private final List<String> failureValues;

    HttpJobPreset(URI baseUrl, String submitPath, String statusPath, String bodyTemplate, String idPointer,
                  String statusPointer, String outputPointer, String errorPointer, List<String> successValues,
                  List<String> failureValues) {
        this.baseUrl = baseUrl;
        this.submitPath = submitPath;
        this.statusPath = statusPath;
        this.bodyTemplate = bodyTemplate;
        this.idPointer = idPointer;
        this.statusPointer = statusPointer;
        this.outputPointer = outputPointer;
        this.errorPointer = errorPointer;
        this.successValues = successValues;
        this.failureValues = failureValues;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    String submitPath() {
        return submitPath;
    }

    String statusPath() {
        return statusPath;
    }

    String bodyTemplate() {
        return bodyTemplate;
    }

    String idPointer() {
        return idPointer;
    }

    String statusPointer() {
        return statusPointer;
    }

    String outputPointer() {
        return outputPointer;
    }

    String errorPointer() {
        return errorPointer;
    }

    List<String> successValues() {
        return successValues;
    }

    List<String> failureValues() {
        return failureValues;
    }
}
