package io.genfleet.common.kafka;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start-up that Kafka refused (wrong SASL password, unknown user, a certificate the client does not trust)
 * into Spring Boot's short "APPLICATION FAILED TO START" report with one line saying what Kafka answered, instead
 * of the wall of nested stack traces a failed bean leaves (the trace is still logged at DEBUG). Every service
 * meets the broker first in topic provisioning, before any listener starts, so a refusal surfaces there at once.
 */
public final class KafkaCredentialsFailureAnalyzer extends AbstractFailureAnalyzer<AuthenticationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AuthenticationException cause) {
        if (cause instanceof SslAuthenticationException) {
            return new FailureAnalysis("Kafka refused the TLS connection: " + cause.getMessage(),
                    "Check the trust store (spring.kafka.ssl.trust-store-location / SPRING_KAFKA_SSL_TRUST_STORE_*): it"
                            + " must hold the CA of the broker's certificate, and the certificate must name the"
                            + " bootstrap host.", cause);
        }
        return new FailureAnalysis("Kafka refused the credentials: " + cause.getMessage(),
                "Check the SASL user and password (spring.kafka.properties.sasl.jaas.config; with Helm the"
                        + " KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD Secret) and the mechanism"
                        + " (spring.kafka.properties.sasl.mechanism).", cause);
    }
}
