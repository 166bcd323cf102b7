package io.genfleet.producer.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.genfleet.common.metrics.GenfleetMeter;
import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.producer.ProducerMetrics;
import io.genfleet.producer.ProducerSettings;
import io.genfleet.producer.web.ProducerExceptionHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The dead-letter listing's errors, answered by the producer's problem handler: a bad query (it never reaches
 * Kafka) is a 400 naming the parameter; a listing whose topics cannot be read (no broker at the configured address)
 * is a 503 with Retry-After, as for every Kafka outage of the producer.
 */
@WebMvcTest(properties = {"genfleet.producer.replay.claim-wait=1s", "genfleet.producer.retry-after=7s"})
class DeadLetterListApiWebTest {

    @SpringBootConfiguration
    @EnableConfigurationProperties(ProducerSettings.class)
    @Import({DeadLetterListController.class, ProducerExceptionHandler.class, ProducerMetrics.class})
    static class Slice {

        @Bean
        KafkaProperties kafkaProperties() {
            KafkaProperties kafka = new KafkaProperties();
            kafka.setBootstrapServers(List.of("127.0.0.1:" + closedPort()));
            return kafka;
        }

        @Bean
        TopicCatalog topicCatalog() {
            return TopicCatalog.defaults();
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Autowired
    private MockMvc mvc;

    @Autowired
    private MeterRegistry meters;

    @ParameterizedTest
    @CsvSource({"lane=audio, lane", "batchId=a%20b, batchId", "errorType=boom, errorType", "limit=0, limit",
            "limit=many, limit", "cursor=not-a-cursor, cursor"})
    void aBadQueryIsA400NamingTheParameter(String query, String parameter) throws Exception {
        mvc.perform(get("/api/dead-letters?" + query))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.title").value("Invalid dead-letter query"))
                .andExpect(jsonPath("$.errors[0].field").value(parameter));
    }

    @Test
    void unreadableDeadLetterTopicsAreA503KafkaUnavailableWithRetryAfter() throws Exception {
        mvc.perform(get("/api/dead-letters"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "7"))
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.type").value("urn:genfleet:problem:kafka-unavailable"))
                .andExpect(jsonPath("$.title").value("Kafka unavailable"))
                .andExpect(jsonPath("$.status").value(503))
                .andExpect(jsonPath("$.detail").value(startsWith("could not read the dead-letter topics: ")))
                .andExpect(jsonPath("$.instance").value("/api/dead-letters"));
        assertThat(GenfleetMeter.REQUESTS_REJECTED.counter(meters, "unavailable").count()).isEqualTo(1);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
