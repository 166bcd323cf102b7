package io.genfleet.worker.provider.openai;

import io.genfleet.common.json.Json;
import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.ErrorType;
import io.genfleet.worker.provider.GenerationException;
import io.genfleet.worker.provider.GenerationResult;
import io.genfleet.worker.provider.RetryableGenerationException;
import io.genfleet.worker.provider.http.HttpProvider;
import io.genfleet.worker.provider.http.ProviderHttp;
import io.genfleet.worker.provider.http.ProviderMessages;
import io.genfleet.worker.provider.http.ResultFetcher;
import io.genfleet.worker.result.ResultStore;
import java.net.URI;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * An OpenAI-compatible images API: {@code POST {base-url}/v1/images/generations} with
 * {@code {"model", "prompt", "size", "n": 1}} plus the item's params ({@link ImagesRequestBody}) and the bearer key.
 * The answer's first image, {@code b64_json} or
 * {@code url}, is stored in the {@link ResultStore} (a URL is downloaded: OpenAI's expire after an hour), and
 * the result is the stored copy. Failures are classified by {@link io.genfleet.worker.provider.FailureClassifier}.
 */
public final class OpenAiImagesProvider extends HttpProvider {

    static final String PATH = "/v1/images/generations";
    static final String DEFAULT_MODEL = "gpt-image-1";

    private final ProviderHttp http;
    private final ResultFetcher results;
    private final String model;
    private final String size;
    private final URI endpoint;

    public OpenAiImagesProvider(ProviderHttp http, ResultStore store, String model, String size) {
        this.http = http;
        this.results = new ResultFetcher(http, store);
        this.model = model == null || model.isBlank() ? DEFAULT_MODEL : model;
        this.size = size;
        this.endpoint = http.resolve(PATH);
    }

    @Override
    public CompletableFuture<GenerationResult> generateAsync(GenerationRequest request, int attempt,
                                                             String idempotencyKey) {
        Map<String, Object> body;
        try {
            body = ImagesRequestBody.of(request, model, size);
        } catch (GenerationException e) {
            return CompletableFuture.failedFuture(e);
        }
        return http.exchange(http.postJson(endpoint, idempotencyKey, Json.write(body)))
                .thenCompose(answer -> store(request, attempt, idempotencyKey, answer));
    }

    private CompletableFuture<GenerationResult> store(GenerationRequest request, int attempt, String idempotencyKey,
                                                      byte[] answer) {
        JsonNode image = firstImage(answer);
        JsonNode base64 = image.get("b64_json");
        if (base64 != null && base64.isString()) {
            byte[] content;
            try {
                content = Base64.getDecoder().decode(base64.stringValue());
            } catch (IllegalArgumentException e) {
                throw new RetryableGenerationException(ErrorType.TRANSIENT, "b64_json is not base64: " + e.getMessage());
            }
            return results.keep(request, attempt, content);
        }
        JsonNode url = image.get("url");
        if (url != null && url.isString()) {
            return results.fetch(request, attempt, idempotencyKey, URI.create(url.stringValue()));
        }
        throw new RetryableGenerationException(ErrorType.TRANSIENT,
                "the answer's data[0] has neither b64_json nor url: " + ProviderMessages.of(answer));
    }

    private static JsonNode firstImage(byte[] answer) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(answer);
        } catch (JacksonException e) {
            throw new RetryableGenerationException(ErrorType.TRANSIENT, "the answer is not JSON: "
                    + ProviderMessages.of(answer), e);
        }
        JsonNode first = json.path("data").path(0);
        if (!first.isObject()) {
            throw new RetryableGenerationException(ErrorType.TRANSIENT, "the answer has no data[0]: "
                    + ProviderMessages.of(answer));
        }
        return first;
    }
}
