package io.genfleet.worker.provider.httpjob;

import io.genfleet.common.json.Json;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.ErrorType;
import io.genfleet.worker.provider.FailureClassifier;
import io.genfleet.worker.provider.GenerationException;
import io.genfleet.worker.provider.GenerationResult;
import io.genfleet.worker.provider.PermanentGenerationException;
import io.genfleet.worker.provider.RetryableGenerationException;
import io.genfleet.worker.provider.http.HttpProvider;
import io.genfleet.worker.provider.http.ProviderHttp;
import io.genfleet.worker.provider.http.ProviderMessages;
import io.genfleet.worker.provider.http.ResultFetcher;
import io.genfleet.worker.result.ResultStore;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A job API (the shape most video APIs share): {@code POST {base-url}{submit-path}} answers a job id; then
 * {@code GET {base-url}{status-path}} is polled, waits growing from {@code poll-initial} by
 * {@code poll-multiplier} up to {@code poll-max}, until the status is a success value (the output URL is
 * fetched into the {@link ResultStore}) or a failure value (classified: a refusal of the content is
 * {@code content_policy}, anything else {@code job-failure}).
 *
 * <p>No thread waits for a job: each poll is one asynchronous request, started by a scheduler, so a job may run
 * far longer than {@code max.poll.interval.ms}. A poll that fails transiently (5xx, 429 with its
 * {@code Retry-After}, a timeout) is repeated instead of failing the attempt, since the job is still running and
 * submitting it again would pay for it twice. Polling stops when the attempt is over (its time limit cuts the
 * future returned here).
 */
public final class HttpJobProvider extends HttpProvider implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpJobProvider.class);

    private final ProviderHttp http;
    private final ResultFetcher results;
    private final HttpJobSettings shape;
    private final JobTemplate template;
    private final ScheduledExecutorService polls;

    public HttpJobProvider(String lane, ProviderHttp http, ResultStore store, HttpJobSettings shape, String model) {
        this.http = http;
        this.results = new ResultFetcher(http, store);
        this.shape = shape;
        this.template = new JobTemplate(shape.effectiveBodyTemplate(), model);
        // Only starts the next poll's request; the requests themselves run on the HTTP client.
        this.polls = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "provider-poll-" + lane);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** One job of one attempt. */
    private record Job(GenerationRequest request, int attempt, String idempotencyKey, JobValues values,
                       CompletableFuture<GenerationResult> result) {

        String id() {
            return values.text("id").orElse("(no id)");
        }
    }

    @Override
    public CompletableFuture<GenerationResult> generateAsync(GenerationRequest request, int attempt,
                                                             String idempotencyKey) {
        JobValues values = template.values(request, idempotencyKey);
        Job job = new Job(request, attempt, idempotencyKey, values, new CompletableFuture<>());
        URI submit = http.resolve(JobTemplate.path(shape.effectiveSubmitPath(), values));
        http.exchange(http.postJson(submit, idempotencyKey, template.body(values))).whenComplete((answer, error) -> {
            if (error != null) {
                job.result().completeExceptionally(unwrap(error));
                return;
            }
            try {
                JsonNode json = read(answer);
                JsonNode id = json.at(shape.effectiveIdPointer());
                if (!id.isValueNode() || id.isNull() || id.asString().isBlank()) {
                    throw new PermanentGenerationException(ErrorType.PERMANENT, "no job id at "
                            + shape.effectiveIdPointer() + " in the submit answer: " + ProviderMessages.of(answer));
                }
                values.put("id", id.asString());
                // Some APIs answer a short job at once (e.g. Replicate with "Prefer: wait").
                examine(job, json, shape.pollInitial());
            } catch (RuntimeException e) {
                job.result().completeExceptionally(e);
            }
        });
        return job.result();
    }

    /** Acts on a status answer: done, failed, or another poll after {@code wait}. */
    private void examine(Job job, JsonNode json, Duration wait) {
        JsonNode statusNode = json.at(shape.effectiveStatusPointer());
        String status = statusNode.isValueNode() && !statusNode.isNull() ? statusNode.asString() : "";
        if (shape.effectiveSuccessValues().contains(status)) {
            String output = outputOf(json.at(shape.effectiveOutputPointer()));
            if (output == null) {
                throw new PermanentGenerationException(ErrorType.PERMANENT, "job " + job.id() + " "
                        + status + " without an output at " + shape.effectiveOutputPointer() + ": " + excerpt(json));
            }
            fetch(job, output);
        } else if (shape.effectiveFailureValues().contains(status)) {
            String message = shape.effectiveErrorPointer() == null ? ""
                    : ProviderMessages.of(json.at(shape.effectiveErrorPointer())).orElse("");
            job.result().completeExceptionally(jobFailed(job, status, message));
        } else {
            schedulePoll(job, wait);
        }
    }

    private GenerationException jobFailed(Job job, String status, String message) {
        String text = "job " + job.id() + " " + status + (message.isBlank() ? "" : ": " + message);
        ErrorType type = FailureClassifier.refusesContent(message) ? ErrorType.CONTENT_POLICY : shape.jobFailure();
        return GenerationException.of(type, text);
    }

    private void schedulePoll(Job job, Duration wait) {
        if (job.result().isDone()) {
            return; // the attempt was cut by its time limit
        }
        try {
            polls.schedule(() -> poll(job, wait), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            job.result().completeExceptionally(new RetryableGenerationException(ErrorType.TRANSIENT,
                    "the worker is shutting down", e));
        }
    }

    private void poll(Job job, Duration wait) {
        if (job.result().isDone()) {
            return;
        }
        Duration next = next(wait);
        URI status = http.resolve(JobTemplate.path(shape.effectiveStatusPath(), job.values()));
        http.exchange(http.request(status, job.idempotencyKey()).GET().build()).whenComplete((answer, error) -> {
            try {
                if (error == null) {
                    examine(job, read(answer), next);
                    return;
                }
                GenerationException failure = FailureClassifier.ofProviderFailure(unwrap(error));
                if (!failure.errorType().isRetryable()) {
                    job.result().completeExceptionally(failure);
                    return;
                }
                Duration retryAfter = failure.retryAfter().orElse(Duration.ZERO);
                log.debug("Polling job {} of {} failed ({}), polling again", job.id(),
                        job.request().itemId(), failure.getMessage());
                schedulePoll(job, retryAfter.compareTo(next) > 0 ? retryAfter : next);
            } catch (RuntimeException e) {
                job.result().completeExceptionally(e);
            }
        });
    }

    private void fetch(Job job, String output) {
        CompletableFuture<GenerationResult> fetched;
        if (output.startsWith("data:") && output.contains(";base64,")) {
            byte[] content = Base64.getDecoder().decode(output.substring(output.indexOf(";base64,") + 8));
            fetched = results.keep(job.request(), job.attempt(), content);
        } else {
            fetched = results.fetch(job.request(), job.attempt(), job.idempotencyKey(), URI.create(output));
        }
        fetched.whenComplete((result, error) -> {
            if (error != null) {
                job.result().completeExceptionally(unwrap(error));
            } else {
                job.result().complete(result);
            }
        });
    }

    private Duration next(Duration wait) {
        long millis = (long) Math.min(wait.toMillis() * shape.pollMultiplier(), shape.pollMax().toMillis());
        return Duration.ofMillis(Math.max(millis, wait.toMillis()));
    }

    /** A URL, the first of a list of them, or an object's {@code url}; null when there is none. */
    private static String outputOf(JsonNode output) {
        JsonNode node = output.isArray() ? output.path(0) : output;
        if (node.isObject()) {
            node = node.path("url");
        }
        return node.isString() && !node.stringValue().isBlank() ? node.stringValue() : null;
    }

    private static JsonNode read(byte[] answer) {
        try {
            return Json.mapper().readTree(answer);
        } catch (JacksonException e) {
            throw new RetryableGenerationException(ErrorType.TRANSIENT, "the answer is not JSON: "
                    + ProviderMessages.of(answer), e);
        }
    }

    private static String excerpt(JsonNode json) {
        String text = json.toString();
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    @Override
    public void close() {
        polls.shutdownNow();
    }
}
