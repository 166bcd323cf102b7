package io.genfleet.producer.claim;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.producer.requeue.RequeueSource;
import io.genfleet.producer.requeue.RequeueWriter;
import io.genfleet.testing.DeadLetterFixture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * First claim wins on the real broker, across two "producer instances" (each its own transactional writer and
 * claims reader), with several callers at once on each.
 */
class ClaimsIT {

    private static DeadLetterFixture fixture;
    private static Instance first;
    private static Instance second;

    /** What a producer instance has of the claims machinery. */
    private record Instance(RequeueWriter writer, Claimer claimer) implements AutoCloseable {

        static Instance start(DeadLetterFixture fixture) {
            RequeueWriter writer = RequeueWriter.create(DeadLetterFixture.clientProperties(), fixture.catalog,
                    "claims-it-", 4, new SimpleMeterRegistry());
            ClaimLog log = new ClaimLog(DeadLetterFixture.clientProperties(), fixture.catalog.replayClaims(),
                    new ClaimLedger(Duration.ofMinutes(5)));
            return new Instance(writer, new Claimer(writer, log, DeadLetterFixture.TIMEOUT));
        }

        @Override
        public void close() {
            claimer.log().close();
            writer.close();
        }
    }

    @BeforeAll
    static void start() {
        fixture = new DeadLetterFixture();
        first = Instance.start(fixture);
        second = Instance.start(fixture);
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
        fixture.close();
    }

    @Test
    void concurrentCallersOnTwoInstancesWinEveryKeyExactlyOnce() throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            keys.add("race/scene_" + i + "/epoch-1");
        }
        Map<String, List<String>> winners = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        List<Future<Long>> calls = new ArrayList<>();
        for (int caller = 0; caller < 4; caller++) {
            Instance instance = caller % 2 == 0 ? first : second;
            String name = "caller-" + caller;
            List<String> order = new ArrayList<>(keys);
            Collections.shuffle(order, new Random(caller));
            calls.add(callers.submit(() -> {
                List<Claim> claims = order.stream().map(key -> new Claim(key, name + "/" + key)).toList();
                go.await();
                long started = System.nanoTime();
                for (String won : instance.claimer().claim(claims, RequeueSource.RETRY_FAILED)) {
                    winners.computeIfAbsent(won.substring(won.indexOf('/') + 1), k -> new ArrayList<>()).add(name);
                }
                return System.nanoTime() - started;
            }));
        }
        go.countDown();
        List<Long> millis = new ArrayList<>();
        for (Future<Long> call : calls) {
            millis.add(TimeUnit.NANOSECONDS.toMillis(call.get(60, TimeUnit.SECONDS)));
        }
        callers.shutdown();
        Map<String, Long> wins = new java.util.TreeMap<>(winners.values().stream().flatMap(List::stream)
                .collect(java.util.stream.Collectors.groupingBy(name -> name, java.util.stream.Collectors.counting())));
        System.out.printf("claims: 4 callers x 40 keys on 2 instances, per call %s ms, keys won per caller %s%n", millis,
                wins);

        // Expected: every key won by exactly one caller, whichever instance it used.
        assertThat(winners.keySet()).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(winners.values()).allSatisfy(names -> assertThat(names).hasSize(1));
        // A reader that starts later (a restarted instance) sees every key held.
        try (ClaimLog late = new ClaimLog(DeadLetterFixture.clientProperties(), fixture.catalog.replayClaims(),
                new ClaimLedger(Duration.ofMinutes(5)))) {
            late.readToEnd(DeadLetterFixture.TIMEOUT);
            assertThat(keys).allMatch(key -> late.isHeld(key, Instant.now()));
        }
    }

    @Test
    void aReleasedClaimLetsTheNextClaimantWin() {
        Claim held = new Claim("released/scene_0/epoch-1", "first-1");
        Claim waiting = new Claim("released/scene_0/epoch-1", "second-1");
        Claim afterRelease = new Claim("released/scene_0/epoch-1", "second-2");

        assertThat(first.claimer().claim(List.of(held), RequeueSource.RETRY_FAILED)).containsExactly("first-1");
        assertThat(second.claimer().claim(List.of(waiting), RequeueSource.RETRY_FAILED)).isEmpty();
        first.claimer().release(List.of(held), RequeueSource.RETRY_FAILED);

        assertThat(second.claimer().claim(List.of(afterRelease), RequeueSource.RETRY_FAILED))
                .containsExactly("second-2");
    }
}
