package io.genfleet.common.security.web;

import io.genfleet.common.security.Scope;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.web.util.UrlPathHelper;

/**
 * Which requests need what, decided once for every route of every service (the routes are the contract's):
 * <ul>
 *   <li>{@code /internal/**}: the internal secret, whatever the method;</li>
 *   <li>{@code /api/**}: a key; {@code GET}/{@code HEAD} need {@code read}, {@code POST /api/batches}
 *       {@code submit}, {@code POST /api/batches/{id}/stream-tickets} {@code read}, every other change
 *       {@code operate} (so a route added later is protected by the strictest scope until it is listed here);</li>
 *   <li>outside those, reads are public (the page, {@code /actuator/health}, {@code /actuator/prometheus}) and every
 *       change needs an {@code operate} key.</li>
 * </ul>
 *
 * <p>The path is the one Spring MVC maps: decoded, without {@code ;parameters}, with repeated slashes folded, so
 * no spelling of a path ({@code //api}, {@code /api;x/batches}, {@code %61pi}) can slip past the prefix check.
 */
final class AccessPolicy {

    private static final Set<String> READS = Set.of("GET", "HEAD");
    private static final UrlPathHelper PATHS = new UrlPathHelper();

    static {
        PATHS.setUrlDecode(true);
        PATHS.setRemoveSemicolonContent(true);
    }

    private AccessPolicy() {
    }

    static String pathOf(HttpServletRequest request) {
        return PATHS.getPathWithinApplication(request).replaceAll("/{2,}", "/");
    }

    static Access of(String method, String path) {
        if (path.equals("/internal") || path.startsWith("/internal/")) {
            return Access.internal();
        }
        boolean read = READS.contains(method) || method.equals("OPTIONS");
        boolean api = path.equals("/api") || path.startsWith("/api/");
        if (!api) {
            return read ? Access.publicAccess() : Access.key(Scope.OPERATE, "operate", null);
        }
        String[] segments = path.substring(1).split("/");
        String batchId = segments.length >= 3 && segments[1].equals("batches") ? segments[2] : null;
        if (read) {
            return Access.key(Scope.READ, null, batchId);
        }
        if (method.equals("POST")) {
            if (segments.length == 2 && segments[1].equals("batches")) {
                return Access.key(Scope.SUBMIT, "submit", null);
            }
            if (batchId != null && segments.length == 4 && segments[3].equals("stream-tickets")) {
                return Access.key(Scope.READ, null, batchId);
            }
            if (batchId != null && segments.length == 4 && segments[3].equals("retry-failed")) {
                return Access.key(Scope.OPERATE, "retry_failed", batchId);
            }
            if (batchId != null && segments.length == 6 && segments[3].equals("items") && segments[5].equals("retry")) {
                return Access.key(Scope.OPERATE, "item_retry", batchId);
            }
            if (segments.length >= 2 && segments[1].equals("dead-letters")) {
                return Access.key(Scope.OPERATE, "dlt_replay", null);
            }
        }
        return Access.key(Scope.OPERATE, "operate", batchId);
    }
}
