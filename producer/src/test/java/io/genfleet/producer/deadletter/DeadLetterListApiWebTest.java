package io.genfleet.producer.deadletter;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.genfleet.common.topic.TopicCatalog;
import io.genfleet.producer.ProducerMetrics;
import io.genfleet.producer.ProducerSettings;
import io.genfleet.producer.web.ProducerExceptionHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
 * The dead-letter listing's query errors, answered by the producer's problem handler (a bad query never reaches
 * Kafka, so no broker is needed): 400, problem+json, the parameter named.
 */
@WebMvcTest
class DeadLetterListApiWebTest {

    @SpringBootConfiguration
    @EnableConfigurationProperties(ProducerSettings.class)
    @Import({DeadLetterListController.class, ProducerExceptionHandler.class, ProducerMetrics.class})
    static class Slice {

        @Bean
        KafkaProperties kafkaProperties() {
            return new KafkaProperties();
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
}
