package io.genfleet.producer.security;

import io.genfleet.producer.ProducerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * API-key authentication of the mutating endpoints: the filter runs first, before any other filter reads the
 * request. Says at start-up (never the keys, only their count) whether changes are protected.
 */
@Configuration(value = "producerSecurityConfiguration", proxyBeanMethods = false)
@EnableConfigurationProperties(ApiKeySettings.class)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    FilterRegistrationBean<ApiKeyFilter> producerApiKeyFilter(ApiKeySettings settings, ProducerMetrics metrics) {
        ApiKeys keys = new ApiKeys(settings.apiKeys());
        boolean allowAnonymous = settings.security().allowAnonymous();
        if (!keys.isEmpty()) {
            log.info("API-key authentication is on: {} key(s) accepted for POST/PUT/PATCH/DELETE", keys.size());
        } else if (allowAnonymous) {
            log.warn("genfleet.security.allow-anonymous=true and no API key configured: ANYONE who reaches this "
                    + "service can submit and requeue batches. Set GENFLEET_API_KEYS to require a key");
        } else {
            log.warn("No API key configured (GENFLEET_API_KEYS): every POST/PUT/PATCH/DELETE is refused with 503 until "
                    + "keys are set, or genfleet.security.allow-anonymous=true");
        }
        FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(
                new ApiKeyFilter(keys, allowAnonymous, new AuthenticationProblems(), metrics));
        registration.setName("producerApiKeyFilter");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
