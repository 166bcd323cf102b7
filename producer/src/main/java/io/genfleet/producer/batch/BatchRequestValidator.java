package io.genfleet.producer.batch;

import io.genfleet.common.item.ItemId;
import io.genfleet.common.request.ImageUri;
import io.genfleet.common.request.ProviderParams;
import io.genfleet.common.request.Simulation;
import io.genfleet.common.status.ErrorType;
import io.genfleet.common.webhook.WebhookEventType;
import io.genfleet.common.webhook.WebhookSettings;
import io.genfleet.common.webhook.WebhookUrlPolicy;
import io.genfleet.producer.ProducerSettings;
import io.genfleet.producer.batch.SubmitBatchRequest.Scene;
import io.genfleet.producer.batch.SubmitBatchRequest.Shot;
import io.genfleet.producer.batch.SubmitBatchRequest.Simulate;
import io.genfleet.producer.web.FieldError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The rules of a storyboard, checked all at once so that one answer lists every problem (up to
 * {@value #MAX_ERRORS}). Limits come from {@code genfleet.producer.limits}.
 */
@Component("producerBatchRequestValidator")
public class BatchRequestValidator {

    /** Enough to fix a request; a 200-scene request with every prompt blank should not answer 200 errors. */
    static final int MAX_ERRORS = 50;
    /** Longer URLs are not webhook endpoints; the limit keeps the URL's copy on every pending event small. */
    static final int MAX_URL_LENGTH = 2048;

    private static final List<String> ERROR_TYPES = Arrays.stream(ErrorType.values()).map(ErrorType::wireName).toList();

    private final ProducerSettings.Limits limits;
    private final WebhookUrlPolicy webhookUrls;

    /** The webhook settings come from the common configuration; slices without it get the strict defaults. */
    @Autowired
    public BatchRequestValidator(ProducerSettings settings, ObjectProvider<WebhookSettings> webhooks) {
        this(settings, webhooks.getIfAvailable(WebhookSettings::defaults));
    }

    public BatchRequestValidator(ProducerSettings settings, WebhookSettings webhooks) {
        this.limits = settings.limits();
        this.webhookUrls = webhooks.urlPolicy();
    }

    /** With the default webhook policy (https to public addresses only). */
    public BatchRequestValidator(ProducerSettings settings) {
        this(settings, WebhookSettings.defaults());
    }

    /** Throws {@link InvalidBatchRequestException} listing every invalid field; returns when the request is valid. */
    public void validate(SubmitBatchRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.batchId() != null && !ItemId.isValidBatchId(request.batchId())) {
            errors.add(new FieldError("batchId", ItemId.BATCH_ID_RULE));
        }
        List<Scene> scenes = request.scenes();
        if (scenes == null) {
            errors.add(new FieldError("scenes", "is required"));
        } else if (scenes.isEmpty()) {
            errors.add(new FieldError("scenes", "must contain at least 1 scene"));
        } else if (scenes.size() > limits.maxScenes()) {
            errors.add(new FieldError("scenes", "must contain at most " + limits.maxScenes() + " scenes, has "
                    + scenes.size()));
        } else {
            for (int i = 0; i < scenes.size(); i++) {
                scene("scenes[" + i + "]", scenes.get(i), errors);
            }
        }
        notify(request.notification(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidBatchRequestException(errors.size() <= MAX_ERRORS ? errors : errors.subList(0, MAX_ERRORS));
        }
    }

    private void scene(String path, Scene scene, List<FieldError> errors) {
        if (scene == null) {
            errors.add(new FieldError(path, "must be an object, was null"));
            return;
        }
        prompt(path + ".prompt", scene.prompt(), true, errors);
        simulate(path + ".simulate", scene.simulate(), errors);
        boolean sceneParamsValid = params(path + ".params", scene.params(), errors);
        List<Shot> shots = scene.shots();
        if (shots != null && shots.size() > limits.maxShotsPerScene()) {
            errors.add(new FieldError(path + ".shots", "must contain at most " + limits.maxShotsPerScene()
                    + " shots, has " + shots.size()));
        } else if (shots != null) {
            for (int j = 0; j < shots.size(); j++) {
                String shotPath = path + ".shots[" + j + "]";
                Shot shot = shots.get(j);
                if (shot == null) {
                    errors.add(new FieldError(shotPath, "must be an object, was null"));
                    continue;
                }
                prompt(shotPath + ".prompt", shot.prompt(), true, errors);
                simulate(shotPath + ".simulate", shot.simulate(), errors);
                if (params(shotPath + ".params", shot.params(), errors) && sceneParamsValid) {
                    // Each is within the limits; what the shot's request carries, the two merged, must be too.
                    params(shotPath + ".params", StoryboardExpander.shotParams(scene, shot), errors);
                }
            }
        }
        if (scene.video() != null) {
            // Absent means "the scene's prompt"; present must be a real prompt.
            prompt(path + ".video.prompt", scene.video().prompt(), false, errors);
            simulate(path + ".video.simulate", scene.video().simulate(), errors);
            fromShot(path + ".video", scene.video(), shots == null ? 0 : shots.size(), errors);
            params(path + ".video.params", scene.video().params(), errors);
            ImageUri.problem(scene.video().imageUri())
                    .ifPresent(problem -> errors.add(new FieldError(path + ".video.imageUri", problem)));
        }
    }

    /** Adds the broken rules of {@code params}, each naming its key; true when there are none. */
    private static boolean params(String path, Map<String, Object> params, List<FieldError> errors) {
        List<ProviderParams.Problem> problems = ProviderParams.problems(params);
        for (ProviderParams.Problem problem : problems) {
            errors.add(new FieldError(problem.key() == null ? path : path + "." + problem.key(), problem.message()));
        }
        return problems.isEmpty();
    }

    /** A bad receiver is refused now, at submission, rather than discovered when the batch is done. */
    private void notify(SubmitBatchRequest.NotifyRequest notify, List<FieldError> errors) {
        if (notify == null) {
            return;
        }
        if (notify.url() == null || notify.url().isBlank()) {
            errors.add(new FieldError("notify.url", "is required"));
        } else if (notify.url().length() > MAX_URL_LENGTH) {
            errors.add(new FieldError("notify.url", "must be at most " + MAX_URL_LENGTH + " characters"));
        } else {
            try {
                webhookUrls.check(notify.url());
            } catch (WebhookUrlPolicy.RefusedUrlException e) {
                errors.add(new FieldError("notify.url", e.getMessage()));
            }
        }
        List<String> events = notify.events();
        if (events == null || events.isEmpty()) {
            errors.add(new FieldError("notify.events", "must name at least one of " + WebhookEventType.wireNames()));
            return;
        }
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) == null || WebhookEventType.fromWireName(events.get(i)).isEmpty()) {
                errors.add(new FieldError("notify.events[" + i + "]", "must be one of " + WebhookEventType.wireNames()));
            }
        }
    }

    private static void fromShot(String path, SubmitBatchRequest.Video video, int shots, List<FieldError> errors) {
        if (video.fromShot() == null) {
            return;
        }
        if (Boolean.TRUE.equals(video.independent())) {
            errors.add(new FieldError(path + ".fromShot", "cannot be combined with independent: true"));
        } else if (shots == 0) {
            errors.add(new FieldError(path + ".fromShot", "needs a scene with shots"));
        } else if (video.fromShot() < 0 || video.fromShot() >= shots) {
            errors.add(new FieldError(path + ".fromShot", "must be a shot index from 0 to " + (shots - 1) + ", was "
                    + video.fromShot()));
        }
    }

    private void prompt(String path, String prompt, boolean required, List<FieldError> errors) {
        if (prompt == null) {
            if (required) {
                errors.add(new FieldError(path, "is required"));
            }
            return;
        }
        if (prompt.isBlank()) {
            errors.add(new FieldError(path, "must not be blank"));
            return;
        }
        int length = prompt.codePointCount(0, prompt.length());
        if (length > limits.maxPromptLength()) {
            errors.add(new FieldError(path, "must be at most " + limits.maxPromptLength() + " characters, has "
                    + length));
        }
    }

    private static void simulate(String path, Simulate simulate, List<FieldError> errors) {
        if (simulate == null) {
            return;
        }
        Integer failTimes = simulate.failTimes();
        if (failTimes != null && (failTimes < 0 || failTimes > Simulation.MAX_FAIL_TIMES)) {
            errors.add(new FieldError(path + ".failTimes", "must be between 0 and " + Simulation.MAX_FAIL_TIMES));
        }
        if (simulate.error() != null && !ERROR_TYPES.contains(simulate.error())) {
            errors.add(new FieldError(path + ".error", "must be one of " + ERROR_TYPES));
        }
        Integer latencyMs = simulate.latencyMs();
        if (latencyMs != null && (latencyMs < 0 || latencyMs > Simulation.MAX_LATENCY_MS)) {
            errors.add(new FieldError(path + ".latencyMs", "must be between 0 and " + Simulation.MAX_LATENCY_MS));
        }
    }
}
