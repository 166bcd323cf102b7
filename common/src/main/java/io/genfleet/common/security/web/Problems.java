package io.genfleet.common.security.web;

import io.genfleet.common.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes an RFC 9457 {@code application/problem+json} answer directly to the response, for code that runs before
 * Spring MVC (filters) or instead of it (the error page). Same fields as the services' other problems:
 * type, title, status, detail, instance, plus any extra properties. Nothing presented by the caller is echoed
 * except the path in {@code instance}.
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    public static void write(HttpServletResponse response, int status, String type, String title, String detail,
                             String instance, Map<String, Object> extra) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:genfleet:problem:" + type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        if (instance != null) {
            problem.put("instance", instance);
        }
        problem.putAll(extra);
        byte[] body = Json.writeString(problem).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
