package io.genfleet.aggregator.webhook;

import io.genfleet.common.json.Json;
import io.genfleet.common.webhook.WebhookUrlPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Posts one webhook event until the receiver answers 2xx: signed ({@link WebhookSignature}, a fresh timestamp per
 * attempt), redirects never followed, the URL checked again before each attempt ({@link WebhookUrlPolicy}), retried
 * after each delay of the backoff on a non-2xx answer, a timeout or a connection failure; after the last one the
 * event is undeliverable. Blocking: run it on a delivery thread, never on a stream thread.
 */
public final class WebhookSender {

    /** How a delivery ended. */
    public record Outcome(boolean delivered, int attempts, String lastProblem) {
    }

    private final HttpClient http;
    private final WebhookSignature signature;
    private final WebhookUrlPolicy policy;
    private final List<Duration> backoff;
    private final Duration timeout;
    private final Clock clock;

    /**
     * @param backoff the waits before the 2nd, 3rd, ... attempt (their sum is the retry window)
     * @param timeout per attempt
     */
    public WebhookSender(WebhookSignature signature, WebhookUrlPolicy policy, List<Duration> backoff, Duration timeout,
                         Clock clock) {
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
        this.signature = signature;
        this.policy = policy;
        this.backoff = List.copyOf(backoff);
        this.timeout = timeout;
        this.clock = clock;
    }

    public Outcome send(String url, WebhookEvent event) throws InterruptedException {
        byte[] body = Json.mapper().writeValueAsBytes(event);
        String problem = null;
        for (int attempt = 1; attempt <= backoff.size() + 1; attempt++) {
            if (attempt > 1) {
                Thread.sleep(backoff.get(attempt - 2).toMillis());
            }
            problem = attempt(url, body);
            if (problem == null) {
                return new Outcome(true, attempt, null);
            }
        }
        return new Outcome(false, backoff.size() + 1, problem);
    }

    /** One POST; null when the receiver took it, else why not. */
    private String attempt(String url, byte[] body) throws InterruptedException {
        URI uri;
        try {
            uri = policy.check(url);
        } catch (WebhookUrlPolicy.RefusedUrlException e) {
            return "the URL " + e.getMessage();
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, signature.header(clock.instant().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300 ? null : "HTTP " + status;
        } catch (IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
