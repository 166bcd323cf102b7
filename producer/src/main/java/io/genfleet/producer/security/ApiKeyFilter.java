package io.genfleet.producer.security;

import io.genfleet.producer.ProducerMetrics;
import io.genfleet.producer.ProducerMetrics.Rejection;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a mutating request (any method but GET, HEAD, OPTIONS and TRACE, on any path) through only with an
 * accepted key. Reads stay open. Every path rather than only {@code /api/**}: a route added later is covered,
 * and no spelling of a path ({@code //api}, {@code ;params}) can slip past a prefix check.
 *
 * <p>A refusal is logged with method, path and remote address, never with the presented key.
 */
public final class ApiKeyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyFilter.class);
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final ApiKeys keys;
    private final boolean allowAnonymous;
    private final AuthenticationProblems problems;
    private final ProducerMetrics metrics;

    public ApiKeyFilter(ApiKeys keys, boolean allowAnonymous, AuthenticationProblems problems, ProducerMetrics metrics) {
        this.keys = keys;
        this.allowAnonymous = allowAnonymous;
        this.problems = problems;
        this.metrics = metrics;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return SAFE_METHODS.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (keys.isEmpty()) {
            if (allowAnonymous) {
                chain.doFilter(request, response);
                return;
            }
            refuse(request, "no API key is configured");
            problems.notConfigured(request, response);
            return;
        }
        String presented = PresentedKey.of(request);
        if (keys.accepts(presented)) {
            chain.doFilter(request, response);
            return;
        }
        boolean keyPresented = presented != null && !presented.isEmpty();
        refuse(request, keyPresented ? "invalid API key" : "no API key presented");
        problems.unauthorized(request, response, keyPresented);
    }

    private void refuse(HttpServletRequest request, String reason) {
        metrics.rejected(Rejection.UNAUTHORIZED);
        if (log.isInfoEnabled()) {
            log.info("Refused {} {} from {}: {}", request.getMethod(), request.getRequestURI(), request.getRemoteAddr(),
                    reason);
        }
    }
}
