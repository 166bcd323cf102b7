package io.genfleet.e2e;

import static org.awaitility.Awaitility.await;

import io.genfleet.e2e.report.ResultRow;
import io.genfleet.e2e.rig.Http;
import io.genfleet.e2e.rig.ServiceNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * How long each phase of an aggregator (re)start took, from its Streams health component polled every 100 ms:
 * the HTTP server answers (JVM and Spring up), Streams is RUNNING (stores restored, tasks assigned), the
 * aggregator answers queries (caught up with its input, readiness UP).
 *
 * @param http    from the start until the health endpoint answered
 * @param running from the start until Streams reported RUNNING
 * @param ready   from the start until the component was UP
 */
record StartPhases(Duration http, Duration running, Duration ready) {

    static StartPhases measure(ServiceNode aggregator, Instant started, Duration atMost) {
        Duration[] phases = new Duration[3];
        await().alias(aggregator.name() + " restored and answering").atMost(atMost)
                .pollInterval(Duration.ofMillis(100))
                .failFast(aggregator.name() + " exited", () -> !aggregator.process().isAlive())
                .until(() -> {
                    JsonNode health;
                    try {
                        health = Http.get(aggregator.url("/actuator/health/aggregatorStreams"), Duration.ofSeconds(2))
                                .json();
                    } catch (IOException | RuntimeException e) {
                        return false;
                    }
                    Duration now = Duration.between(started, Instant.now());
                    if (phases[0] == null) {
                        phases[0] = now;
                    }
                    if (phases[1] == null && health.path("details").path("state").asString("").equals("RUNNING")) {
                        phases[1] = now;
                    }
                    if (health.path("status").asString("").equals("UP")) {
                        phases[2] = now;
                        return true;
                    }
                    return false;
                });
        return new StartPhases(phases[0], phases[1], phases[2]);
    }

    @Override
    public String toString() {
        return "HTTP up " + ResultRow.seconds(http) + ", Streams RUNNING (restored) " + ResultRow.seconds(running)
                + ", answering (caught up) " + ResultRow.seconds(ready) + " after the restart";
    }
}
