package io.genfleet.worker.provider.openai;

import io.genfleet.common.request.GenerationRequest;
import io.genfleet.common.status.ErrorType;
import io.genfleet.worker.provider.PermanentGenerationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of one images call: {@code {"model", "prompt", "size", "n": 1}} and the item's params on top. Params are
 * passed through as they are, at the top level: they override the configured {@code size} (and any other setting
 * the body has) and add what the API takes besides ({@code quality}, {@code background}, {@code output_format},
 * ...), without genfleet knowing the API's list, which changes more often than genfleet does. {@code model},
 * {@code prompt} and {@code n} are not theirs: the prompt is the storyboard's, the model is the lane's setting (what
 * the operator pays for), and one item is one image. A request whose params name one of them fails permanently
 * rather than being half obeyed.
 */
final class ImagesRequestBody {

    static final List<String> RESERVED = List.of("model", "prompt", "n");

    private ImagesRequestBody() {
    }

    static Map<String, Object> of(GenerationRequest request, String model, String size) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("prompt", request.prompt());
        if (size != null) {
            body.put("size", size);
        }
        body.put("n", 1);
        if (request.params() != null) {
            for (Map.Entry<String, Object> param : request.params().entrySet()) {
                if (RESERVED.contains(param.getKey())) {
                    throw new PermanentGenerationException(ErrorType.PERMANENT, "params." + param.getKey()
                            + " is not passed to openai-images: " + RESERVED + " are set by genfleet");
                }
                body.put(param.getKey(), param.getValue());
            }
        }
        return body;
    }
}
