package io.genfleet.worker.provider.httpjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.json.Json;
import io.genfleet.common.request.GenerationRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JobTemplateTest {

    private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");
    private static final String PROMPT = "a \"quoted\" fox,\nrunning \\ fast {{notAName}}";

    private static GenerationRequest video(Map<String, Object> params, String imageUri, List<String> inputs) {
        GenerationRequest first = GenerationRequest.first(ItemId.of("b1", "video_scene_0"), PROMPT, null, T, params,
                imageUri);
        return inputs == null ? first : first.released(0, 0, inputs, T);
    }

    private static Map<String, Object> params() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("duration", 5);
        params.put("cfg.scale", 0.5);
        params.put("loop", true);
        params.put("style", "noir \"dark\"");
        return params;
    }

    private static JsonNode render(String template, GenerationRequest request) {
        JobTemplate jobTemplate = new JobTemplate(template, "ray-2");
        return Json.mapper().readTree(jobTemplate.body(jobTemplate.values(request, request.idempotencyKey())));
    }

    @Test
    void aWholeValuePlaceholderKeepsItsJsonTypeAndTextIsEscapedAsJson() {
        JsonNode body = render("""
                {"prompt": "{{prompt}}", "image": "{{imageUri}}", "inputs": "{{inputs}}", "all": "{{params}}",
                 "duration": "{{params.duration}}", "scale": "{{params.cfg.scale}}", "loop": "{{params.loop}}",
                 "style": "{{params.style}}", "ref": "{{idempotencyKey}}"}""",
                video(params(), null, List.of("https://r.example.com/a.png", "https://r.example.com/b.png")));

        assertThat(body.get("prompt").stringValue()).isEqualTo(PROMPT);
        assertThat(body.get("image").stringValue()).as("no storyboard image: the first input")
                .isEqualTo("https://r.example.com/a.png");
        assertThat(body.get("inputs").isArray()).isTrue();
        assertThat(body.get("inputs")).extracting(JsonNode::stringValue)
                .containsExactly("https://r.example.com/a.png", "https://r.example.com/b.png");
        assertThat(body.get("all").toString())
                .isEqualTo("{\"duration\":5,\"cfg.scale\":0.5,\"loop\":true,\"style\":\"noir \\\"dark\\\"\"}");
        assertThat(body.get("duration").isInt()).isTrue();
        assertThat(body.get("duration").intValue()).isEqualTo(5);
        assertThat(body.get("scale").doubleValue()).isEqualTo(0.5);
        assertThat(body.get("loop").isBoolean()).isTrue();
        assertThat(body.get("style").stringValue()).isEqualTo("noir \"dark\"");
        assertThat(body.get("ref").stringValue()).isEqualTo("b1/video_scene_0/0");
    }

    @Test
    void theStoryboardsImageWinsOverTheInputs() {
        JsonNode body = render("{\"image\": \"{{imageUri}}\"}",
                video(null, "https://cdn.example.com/given.png", List.of("https://r.example.com/a.png")));

        assertThat(body.get("image").stringValue()).isEqualTo("https://cdn.example.com/given.png");
    }

    @Test
    void placeholdersInsideTextBecomeTheirTextAndAbsentOnesNothing() {
        JsonNode body = render("""
                {"text": "{{prompt}} for {{params.duration}}s, loop={{params.loop}}, seed={{params.seed}},\
                 image=<{{imageUri}}>, {{inputs}} {{unknown}}"}""", video(params(), null, null));

        assertThat(body.get("text").stringValue()).isEqualTo(PROMPT + " for 5s, loop=true, seed=, image=<>, "
                + " {{unknown}}");
    }

    @Test
    void aMemberOrElementWithoutAValueIsLeftOutAndUnknownNamesStay() {
        JsonNode body = render("""
                {"prompt": "{{prompt}}", "image": "{{imageUri}}", "seed": "{{params.seed}}", "all": "{{params}}",
                 "inputs": "{{inputs}}", "list": ["{{imageUri}}", "{{prompt}}"], "later": "{{id}}", "x": "{{x}}"}""",
                video(null, null, null));

        assertThat(body.properties()).extracting(Map.Entry::getKey)
                .containsExactly("prompt", "list", "later", "x");
        assertThat(body.get("list")).hasSize(1);
        assertThat(body.get("later").stringValue()).as("id is not known before the job is submitted")
                .isEqualTo("{{id}}");
        assertThat(body.get("x").stringValue()).isEqualTo("{{x}}");
    }

    @Test
    void aParamsMemberMergesEveryParamTheTemplateDoesNotSetItself() {
        JsonNode body = render("{\"input\": {\"prompt\": \"{{prompt}}\", \"loop\": false, \"{{params}}\": true}}",
                video(params(), null, null));

        assertThat(body.get("input").toString()).isEqualTo("{\"prompt\":" + Json.writeString(PROMPT)
                + ",\"loop\":false,\"duration\":5,\"cfg.scale\":0.5,\"style\":\"noir \\\"dark\\\"\"}");
        assertThat(render("{\"input\": {\"{{params}}\": true}}", video(null, null, null)).toString())
                .isEqualTo("{\"input\":{}}");
    }

    @Test
    void aSectionIsAddedOnlyWhenItsNameHasAValue() {
        String template = """
                {"prompt": "{{prompt}}", "{{#imageUri}}": {"keyframes": {"frame0": {"type": "image",
                 "url": "{{imageUri}}"}}}}""";

        assertThat(render(template, video(null, "https://cdn.example.com/f.png", null)).get("keyframes").toString())
                .isEqualTo("{\"frame0\":{\"type\":\"image\",\"url\":\"https://cdn.example.com/f.png\"}}");
        assertThat(render(template, video(null, null, null)).has("keyframes")).isFalse();
    }

    @Test
    void theLumaPresetSendsTheImageAsTheStartKeyframeAndParamsAtTheTop() {
        JsonNode body = render(HttpJobPreset.LUMA.bodyTemplate(),
                video(Map.of("aspect_ratio", "16:9", "model", "not-this"), null, List.of("https://r.example.com/a.png")));

        assertThat(body.get("model").stringValue()).as("the template's own members win").isEqualTo("ray-2");
        assertThat(body.at("/keyframes/frame0/url").stringValue()).isEqualTo("https://r.example.com/a.png");
        assertThat(body.at("/keyframes/frame0/type").stringValue()).isEqualTo("image");
        assertThat(body.get("aspect_ratio").stringValue()).isEqualTo("16:9");
        assertThat(render(HttpJobPreset.LUMA.bodyTemplate(), video(null, null, null)).toString())
                .isEqualTo("{\"prompt\":" + Json.writeString(PROMPT) + ",\"model\":\"ray-2\"}");
    }

    @Test
    void theReplicatePresetSendsTheImageAsTheFirstFrameAndParamsInItsInput() {
        JsonNode body = render(HttpJobPreset.REPLICATE.bodyTemplate(),
                video(Map.of("prompt_optimizer", false), "https://cdn.example.com/f.png", null));

        assertThat(body.at("/input/first_frame_image").stringValue()).isEqualTo("https://cdn.example.com/f.png");
        assertThat(body.at("/input/prompt_optimizer").booleanValue()).isFalse();
        assertThat(render(HttpJobPreset.REPLICATE.bodyTemplate(), video(null, null, null)).toString())
                .as("text-to-video: no image field at all")
                .isEqualTo("{\"input\":{\"prompt\":" + Json.writeString(PROMPT) + "}}");
    }

    @Test
    void pathsAreUrlEncodedAndMayUseParams() {
        JobTemplate template = new JobTemplate("{}", "minimax/video-01");
        JobValues values = template.values(video(Map.of("region", "eu west"), null, null), "k");
        values.put("id", "job 1");

        assertThat(JobTemplate.path("/v1/{{model}}/{{params.region}}/jobs/{{id}}", values))
                .isEqualTo("/v1/minimax/video-01/eu%20west/jobs/job%201");
    }

    @Test
    void aSectionThatIsNotAnObjectStopsTheStartUp() {
        assertThatThrownBy(() -> new JobTemplate("{\"{{#imageUri}}\": \"x\"}", "m"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must hold an object");
        assertThatThrownBy(() -> new JobTemplate("{not json", "m"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not JSON");
    }
}
