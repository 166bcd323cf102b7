package io.genfleet.producer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.producer.ProducerApplication;
import io.genfleet.testing.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A seeded generator of hostile requests against the running producer (real server, real broker): bodies that are
 * truncated, deeply nested, full of huge numbers, odd unicode, wrong types or random bytes, and paths with encoded
 * and unusual characters. Expected for every case: an answer within the timeout, never a 5xx other than a 503 (Kafka
 * or the status service busy), a problem+json body for every error; and the service still healthy afterwards.
 *
 * <p>{@value #DEFAULT_CASES} cases by default; {@code -Dgenfleet.fuzz.cases=100000 -Dgenfleet.fuzz.seed=S} for a
 * long run. The seed of a failing case is in the assertion message.
 */
@SpringBootTest(classes = ProducerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileInputFuzzIT {

    private static final Logger log = LoggerFactory.getLogger(HostileInputFuzzIT.class);
    private static final int DEFAULT_CASES = 1_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final StatusServiceStub STATUS = StatusServiceStub.start();

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
        registry.add("genfleet.topics.prefix", () -> "it-fuzz-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        registry.add("genfleet.topics.partitions", () -> 1);
        registry.add("genfleet.producer.status-url", STATUS::url);
        registry.add("genfleet.api-keys", () -> ApiClient.KEY);
        registry.add("genfleet.security.submit-per-minute", () -> 0);
        registry.add("genfleet.security.operate-per-minute", () -> 0);
    }

    @AfterAll
    static void stopStatusService() {
        STATUS.close();
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void noHostileRequestGetsAServerErrorOrHangsAndTheServiceKeepsServing() throws Exception {
        int cases = Integer.getInteger("genfleet.fuzz.cases", DEFAULT_CASES);
        long seed = Long.getLong("genfleet.fuzz.seed", 20261202L);
        Random random = new Random(seed);
        TreeMap<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < cases && failures.size() < 10; i++) {
            boolean body = random.nextInt(4) != 0;
            String path = body ? "/api/batches" : HostilePaths.next(random);
            byte[] content = body ? HostileBodies.next(random) : new byte[0];
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(TIMEOUT).header("Authorization", "Bearer " + ApiClient.KEY)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.net.http.HttpTimeoutException e) {
                failures.add("case " + i + " (seed " + seed + "): no answer within " + TIMEOUT);
                continue;
            }
            statuses.merge(response.statusCode(), 1, Integer::sum);
            boolean serverError = response.statusCode() >= 500 && response.statusCode() != 503;
            boolean problem = response.statusCode() < 400 || response.headers().firstValue("Content-Type")
                    .filter(type -> type.startsWith("application/problem+json")).isPresent();
            if (serverError || !problem) {
                failures.add("case " + i + " (seed " + seed + ") " + path + " " + preview(content) + " -> "
                        + response.statusCode() + " " + response.body());
            }
        }
        log.info("MEASURED {} hostile requests (seed {}): answers by status {}", cases, seed, statuses);

        assertThat(failures).as("server errors, hangs or non-problem errors").isEmpty();
        assertThat(statuses.keySet()).as("the generator reached the validation").contains(400);
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/actuator/health")).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as("still serving").isEqualTo(200);
    }

    private static String preview(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        return text.length() <= 120 ? text : text.substring(0, 120) + "...(" + content.length + " bytes)";
    }

    /** Request bodies that a parser and a validator must survive. */
    static final class HostileBodies {

        private static final String VALID = "{\"batchId\":\"fz\",\"scenes\":[{\"prompt\":\"a fox\",\"shots\":[{\"prompt\":"
                + "\"left\",\"simulate\":{\"failTimes\":1}}],\"video\":{\"prompt\":\"run\"}}]}";
        private static final String[] ODD_VALUES = {"1e999999", "-0", "99999999999999999999999999", "NaN", "true",
                "null", "[]", "{}", "\"\\u0000\"", "\"\\ud800\"", "\"\uD83E\uDD8A\"", "0.0000000001", "\"" + "x".repeat(5000) + "\"",
                "-1", "2147483648", "\"scene_0\"", "{\"$ref\":\"#\"}", "\"\u202Eevil\""};

        static byte[] next(Random random) {
            String json = switch (random.nextInt(8)) {
                case 0 -> VALID.substring(0, random.nextInt(VALID.length())); // truncated
                case 1 -> "[".repeat(1 + random.nextInt(20_000)) + "]".repeat(random.nextInt(3)); // deep nesting
                case 2 -> "{\"scenes\":" + "{\"a\":".repeat(1 + random.nextInt(5_000)) + "1" + "}".repeat(random.nextInt(10)) + "}";
                case 3 -> VALID.replace("1", ODD_VALUES[random.nextInt(ODD_VALUES.length)]); // wrong types, huge numbers
                case 4 -> VALID.replace("\"a fox\"", ODD_VALUES[random.nextInt(ODD_VALUES.length)]);
                case 5 -> VALID.replace("\"fz\"", "\"" + randomText(random, 1 + random.nextInt(80)) + "\"");
                case 6 -> mutate(VALID, random);
                default -> null;
            };
            if (json == null) {
                byte[] bytes = new byte[random.nextInt(2_000)];
                random.nextBytes(bytes);
                return bytes;
            }
            return json.getBytes(StandardCharsets.UTF_8);
        }

        private static String mutate(String text, Random random) {
            StringBuilder out = new StringBuilder(text);
            for (int i = 0, n = 1 + random.nextInt(5); i < n; i++) {
                int at = random.nextInt(out.length());
                switch (random.nextInt(3)) {
                    case 0 -> out.deleteCharAt(at);
                    case 1 -> out.insert(at, "{}[],:\"\\".charAt(random.nextInt(8)));
                    default -> out.setCharAt(at, (char) random.nextInt(0x3000));
                }
            }
            return out.toString();
        }

        static String randomText(Random random, int length) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < length; i++) {
                int codePoint = switch (random.nextInt(4)) {
                    case 0 -> 0x20 + random.nextInt(0x5f);
                    case 1 -> random.nextInt(0x20);
                    case 2 -> 0xA0 + random.nextInt(0x2F00);
                    default -> 0x1F300 + random.nextInt(0x300);
                };
                if (codePoint == '"' || codePoint == '\\') {
                    codePoint = '.';
                }
                text.appendCodePoint(codePoint);
            }
            // Control characters stay raw: JSON forbids them inside strings, which the reader must say, not crash on.
            return text.toString();
        }
    }

    /** Paths under the producer's routes with encoded, dotted and unusual segments. */
    static final class HostilePaths {

        private static final String[] SEGMENTS = {"..", ".", "%2e%2e", "%2E", ".hidden", "b1", "a%20b", "%C3%BC",
                "%F0%9F%A6%8A", "%ff", "%00", "x".repeat(300), "b;jsessionid=1", "scene_0", "scene_01", "video_scene_x",
                "retry-failed", "items", "%252e%252e", "b1%3Fq", "%5C", "~", "-", "_", "0"};

        static String next(Random random) {
            StringBuilder path = new StringBuilder("/api/batches");
            for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                path.append('/').append(SEGMENTS[random.nextInt(SEGMENTS.length)]);
            }
            if (random.nextBoolean()) {
                path.append("/retry-failed");
            }
            return path.toString();
        }
    }
}
