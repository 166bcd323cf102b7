package io.genfleet.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

class KafkaCredentialsFailureAnalyzerTest {

    private final KafkaCredentialsFailureAnalyzer analyzer = new KafkaCredentialsFailureAnalyzer();

    @Test
    void aRefusedLoginDeepInTheCauseChainBecomesOneLine() {
        Exception failure = new IllegalStateException("bean failed", new IllegalStateException("cannot provision topics",
                new SaslAuthenticationException("Authentication failed due to invalid credentials with SASL mechanism SCRAM-SHA-512")));

        FailureAnalysis analysis = analyzer.analyze(failure);

        assertThat(analysis.getDescription()).isEqualTo("Kafka refused the credentials: Authentication failed due to"
                + " invalid credentials with SASL mechanism SCRAM-SHA-512").doesNotContain("\n");
        assertThat(analysis.getAction()).contains("spring.kafka.properties.sasl.jaas.config");
    }

    @Test
    void anUntrustedCertificateNamesTheTrustStore() {
        FailureAnalysis analysis = analyzer.analyze(new IllegalStateException(new SslAuthenticationException("SSL handshake failed")));

        assertThat(analysis.getDescription()).isEqualTo("Kafka refused the TLS connection: SSL handshake failed");
        assertThat(analysis.getAction()).contains("spring.kafka.ssl.trust-store-location");
    }

    @Test
    void otherFailuresAreLeftToSpring() {
        assertThat(analyzer.analyze(new IllegalStateException("something else"))).isNull();
    }
}
