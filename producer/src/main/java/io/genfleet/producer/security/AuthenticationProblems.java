package io.genfleet.producer.security;

import io.genfleet.common.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers of a refused request, as {@code application/problem+json} with the fields of the producer's other
 * problems (type, title, status, detail, instance). They are written by the filter, before Spring MVC, so they
 * are built here rather than by the producer's exception handler. Nothing presented by the caller is echoed.
 */
public final class AuthenticationProblems {

    static final String UNAUTHORIZED = "urn:genfleet:problem:unauthorized";
    static final String NOT_CONFIGURED = "urn:genfleet:problem:authentication-not-configured";
    private static final String HOW = "send Authorization: Bearer <key> or X-API-Key: <key>";

    /** 401 with {@code WWW-Authenticate: Bearer}. */
    void unauthorized(HttpServletRequest request, HttpServletResponse response, boolean keyPresented)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"genfleet\"");
        write(request, response, HttpServletResponse.SC_UNAUTHORIZED, UNAUTHORIZED, "Unauthorized",
                (keyPresented ? "the API key is not valid" : "this request needs an API key") + ": " + HOW);
    }

    /** 503: the operator has configured no key and not opted out; a retry will not help until they do. */
    void notConfigured(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, NOT_CONFIGURED,
                "Authentication not configured", "this producer has no API keys, so it refuses every change. "
                        + "Operator: set GENFLEET_API_KEYS (comma-separated keys of at least "
                        + ApiKeySettings.MIN_KEY_LENGTH + " characters), or genfleet.security.allow-anonymous=true "
                        + "to accept requests without a key");
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, int status, String type,
            String title, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        byte[] body = Json.writeString(problem).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
