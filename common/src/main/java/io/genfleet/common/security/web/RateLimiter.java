package io.genfleet.common.security.web;

import io.genfleet.common.security.Scope;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per key and scope, a token bucket of {@code perMinute} tokens refilled continuously ({@code perMinute} per
 * minute): a key may spend a minute's worth at once, then one request every {@code 60 s / perMinute}. Per process:
 * with several replicas a key gets the limit on each (the limit protects each process, not a global quota).
 */
final class RateLimiter {

    /** Allowed, or refused with the wait until the next token. */
    record Verdict(boolean allowed, Duration retryAfter) {
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAtNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAtNanos = now;
        }
    }

    private final Map<Scope, Integer> perMinute;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Clock clock;

    RateLimiter(int submitPerMinute, int operatePerMinute, Clock clock) {
        this.perMinute = Map.of(Scope.SUBMIT, submitPerMinute, Scope.OPERATE, operatePerMinute, Scope.READ, 0);
        this.clock = clock;
    }

    Verdict take(String keyName, Scope scope) {
        int limit = perMinute.getOrDefault(scope, 0);
        if (limit <= 0) {
            return new Verdict(true, Duration.ZERO);
        }
        long now = clock.millis() * 1_000_000L;
        Bucket bucket = buckets.computeIfAbsent(keyName + "/" + scope.wireName(), k -> new Bucket(limit, now));
        synchronized (bucket) {
            double perNano = limit / 60e9;
            bucket.tokens = Math.min(limit, bucket.tokens + (now - bucket.refilledAtNanos) * perNano);
            bucket.refilledAtNanos = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return new Verdict(true, Duration.ZERO);
            }
            long waitNanos = (long) Math.ceil((1 - bucket.tokens) / perNano);
            return new Verdict(false, Duration.ofNanos(waitNanos));
        }
    }
}
