package io.genfleet.common.security.web;

import io.genfleet.common.metrics.GenfleetMeter;
import io.genfleet.common.security.ApiKey;
import io.genfleet.common.security.ApiKeyEntries;
import io.genfleet.common.security.ApiKeySource;
import io.genfleet.common.security.ApiKeys;
import io.genfleet.common.security.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The one gate of every genfleet HTTP API: decides what the request needs ({@link AccessPolicy}), checks the key
 * (or the stream ticket, or the internal secret), its scope and its rate, and writes the audit line of every
 * change. Refusals are {@code application/problem+json}: 401 without a valid key, 403 naming the missing scope,
 * 429 with {@code Retry-After}. It runs first, before anything reads the request body.
 *
 * <p>A refusal is logged with method, path and remote address, never with the presented key.
 */
public final class ApiKeyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyFilter.class);
    private static final String HOW = "send Authorization: Bearer <key> or X-API-Key: <key>";

    private final ApiKeySource keys;
    private final boolean allowAnonymous;
    private final InternalSecret internal;
    private final StreamTickets tickets;
    private final RateLimiter limiter;
    private final AuditLog audit;
    private final MeterRegistry registry;

    ApiKeyFilter(ApiKeySource keys, boolean allowAnonymous, InternalSecret internal, StreamTickets tickets,
                 RateLimiter limiter, AuditLog audit, MeterRegistry registry) {
        this.keys = keys;
        this.allowAnonymous = allowAnonymous;
        this.internal = internal;
        this.tickets = tickets;
        this.limiter = limiter;
        this.audit = audit;
        this.registry = registry;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        // The error page answers what was already decided; it must not ask for a key a second time.
        return true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = AccessPolicy.pathOf(request);
        Access access = AccessPolicy.of(request.getMethod(), path);
        switch (access.kind()) {
            case PUBLIC -> chain.doFilter(request, response);
            case INTERNAL -> internal(request, response, chain);
            case KEY -> keyed(request, response, chain, access, path);
        }
    }

    private void internal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (internal.matches(request.getHeader(InternalSecret.HEADER))
                || (!internal.isConfigured() && allowAnonymous && keys.keys().isEmpty())) {
            chain.doFilter(request, response);
            return;
        }
        refused(request, "forbidden", internal.isConfigured() ? "wrong or missing internal secret"
                : "no internal secret configured");
        Problems.write(response, 403, "internal-only", "Forbidden", "this route is for genfleet instances only",
                request.getRequestURI(), Map.of());
    }

    private void keyed(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Access access,
                       String path) throws ServletException, IOException {
        ApiKeys current = keys.keys();
        if (current.isEmpty() && allowAnonymous) {
            chain.doFilter(request, response);
            return;
        }
        if (current.isEmpty()) {
            refused(request, "unauthorized", "no API key is configured");
            Problems.write(response, 503, "authentication-not-configured", "Authentication not configured",
                    "this service has no API keys, so it refuses every API request. Operator: set GENFLEET_API_KEYS "
                            + "(comma-separated keys of at least " + ApiKeyEntries.MIN_KEY_LENGTH + " characters, "
                            + "optionally secret=read+submit+operate) or GENFLEET_API_KEYS_FILE, or "
                            + "genfleet.security.allow-anonymous=true to accept requests without a key",
                    request.getRequestURI(), Map.of());
            return;
        }
        Optional<ApiKey> key = authenticate(request, current, access);
        if (key.isEmpty()) {
            boolean presented = PresentedKey.of(request) != null || ticketOf(request) != null;
            refused(request, "unauthorized", presented ? "invalid API key or ticket" : "no API key presented");
            response.setHeader("WWW-Authenticate", "Bearer realm=\"genfleet\"");
            audited(access, "-", request, 401);
            Problems.write(response, 401, "unauthorized", "Unauthorized",
                    (presented ? "the API key is not valid" : "this request needs an API key") + ": " + HOW,
                    request.getRequestURI(), Map.of());
            return;
        }
        ApiKey caller = key.get();
        if (!caller.has(access.scope())) {
            refused(request, "forbidden", "key " + caller.name() + " lacks scope " + access.scope().wireName());
            audited(access, caller.name(), request, 403);
            Problems.write(response, 403, "missing-scope", "Forbidden", "this API key (" + caller.name()
                            + ") lacks the scope '" + access.scope().wireName() + "' that " + request.getMethod() + " "
                            + path + " needs; it has: " + scopesOf(caller),
                    request.getRequestURI(), Map.of("scope", access.scope().wireName()));
            return;
        }
        if (access.isAudited()) {
            RateLimiter.Verdict verdict = limiter.take(caller.name(), access.scope());
            if (!verdict.allowed()) {
                long seconds = Math.max(1, (verdict.retryAfter().toMillis() + 999) / 1000);
                refused(request, "rate_limited", "key " + caller.name() + " over its " + access.scope().wireName()
                        + " rate");
                audited(access, caller.name(), request, 429);
                response.setHeader("Retry-After", Long.toString(seconds));
                Problems.write(response, 429, "rate-limited", "Too many requests", "this API key (" + caller.name()
                                + ") has used its '" + access.scope().wireName() + "' requests for now; retry in "
                                + seconds + " s", request.getRequestURI(),
                        Map.of("scope", access.scope().wireName(), "retryAfterSeconds", seconds));
                return;
            }
        }
        request.setAttribute(ApiKey.class.getName(), caller);
        try {
            chain.doFilter(request, response);
        } finally {
            if (access.isAudited()) {
                audited(access, caller.name(), request, response.getStatus());
            }
        }
    }

    private Optional<ApiKey> authenticate(HttpServletRequest request, ApiKeys current, Access access) {
        String presented = PresentedKey.of(request);
        if (presented != null) {
            return current.authenticate(presented);
        }
        String ticket = ticketOf(request);
        if (ticket != null && access.scope() == Scope.READ && AccessPolicy.pathOf(request).endsWith("/stream")) {
            return tickets.redeem(ticket, access.batchId());
        }
        return Optional.empty();
    }

    /** The stream ticket of a GET; never asked of other methods, whose form bodies getParameter would consume. */
    private static String ticketOf(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) ? request.getParameter(StreamTickets.PARAMETER) : null;
    }

    private void audited(Access access, String keyName, HttpServletRequest request, int status) {
        if (access.isAudited()) {
            Object batch = request.getAttribute(AuditLog.BATCH_ATTRIBUTE);
            audit.record(access.action(), keyName, batch != null ? batch.toString() : access.batchId(), status);
        }
    }

    private void refused(HttpServletRequest request, String reason, String why) {
        if (registry != null) {
            GenfleetMeter.REQUESTS_REJECTED.counter(registry, reason).increment();
        }
        if (log.isInfoEnabled()) {
            log.info("Refused {} {} from {}: {}", request.getMethod(), request.getRequestURI(), request.getRemoteAddr(),
                    why);
        }
    }

    private static String scopesOf(ApiKey key) {
        return key.scopes().stream().sorted().map(Scope::wireName).collect(Collectors.joining(", "));
    }

    /** The key a request authenticated as; set for the controllers (e.g. to issue a stream ticket). */
    public static Optional<ApiKey> callerOf(HttpServletRequest request) {
        return Optional.ofNullable((ApiKey) request.getAttribute(ApiKey.class.getName()));
    }
}
