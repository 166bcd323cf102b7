package io.genfleet.common.web;

import org.springframework.http.HttpStatus;

/** The type, title and detail of a problem answer that only has a status to go on. */
record StatusWords(String type, String title, String detail) {

    static StatusWords of(int status) {
        return switch (status) {
            case 400 -> new StatusWords("bad-request", "Bad request", "the request could not be read: the path, "
                    + "a header or the body is not well formed (for example a control character such as %00 in the path)");
            case 404 -> new StatusWords("not-found", "Not found", "there is no resource at this path; the API is under "
                    + "/api (see the README)");
            case 405 -> new StatusWords("method-not-allowed", "Method not allowed",
                    "this resource does not accept this HTTP method");
            case 406 -> new StatusWords("not-acceptable", "Not acceptable",
                    "this resource answers application/json (or text/event-stream for a stream)");
            case 413 -> new StatusWords("request-too-large", "Request too large", "the request body is too large");
            case 415 -> new StatusWords("unsupported-media-type", "Unsupported media type",
                    "send the body as application/json");
            case 431 -> new StatusWords("headers-too-large", "Request headers too large", "the request headers are too large");
            case 503 -> new StatusWords("unavailable", "Service unavailable", "the service cannot answer right now; retry shortly");
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                String title = known == null ? "Error" : known.getReasonPhrase();
                yield status >= 500
                        ? new StatusWords("internal-error", title, "the request failed unexpectedly")
                        : new StatusWords("client-error", title, "the request was refused (" + status + ")");
            }
        };
    }
}
