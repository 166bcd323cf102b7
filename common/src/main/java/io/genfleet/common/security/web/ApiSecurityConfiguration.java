package io.genfleet.common.security.web;

import io.genfleet.common.security.ApiKeySource;
import io.genfleet.common.security.ApiSecuritySettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The HTTP security every genfleet service shares: the keys in force, the stream tickets, the rate limits, the
 * audit log and the filter that applies them, ahead of every other filter. Imported by the producer's and the
 * aggregator's modules; Spring registers it once when standalone imports both. Says at start-up how many keys are
 * in force, never which.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiSecuritySettings.class)
public class ApiSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ApiSecurityConfiguration.class);

    @Bean
    ApiKeySource genfleetApiKeys(ApiSecuritySettings settings) {
        ApiKeySource source = new ApiKeySource(settings.apiKeys(), settings.keyFile(),
                settings.security().keyFileCheckInterval(), Clock.systemUTC());
        int count = source.keys().size();
        if (count > 0 || source.watchesFile()) {
            log.info("API-key authentication is on: {} key(s) in force{}", count,
                    source.watchesFile() ? ", key file " + settings.keyFile() + " re-read when it changes" : "");
        } else if (settings.security().allowAnonymous()) {
            log.warn("genfleet.security.allow-anonymous=true and no API key configured: ANYONE who reaches this "
                    + "service can read, submit and requeue batches. Set GENFLEET_API_KEYS to require a key");
        } else {
            log.warn("No API key configured (GENFLEET_API_KEYS or GENFLEET_API_KEYS_FILE): every /api request is "
                    + "refused with 503 until keys are set, or genfleet.security.allow-anonymous=true");
        }
        return source;
    }

    @Bean
    InternalSecret genfleetInternalSecret(ApiSecuritySettings settings) {
        return new InternalSecret(settings.internalSecret());
    }

    @Bean
    StreamTickets genfleetStreamTickets(ApiSecuritySettings settings) {
        return new StreamTickets(settings.internalSecret(), settings.security().streamTicketTtl(), Clock.systemUTC());
    }

    @Bean
    FilterRegistrationBean<ApiKeyFilter> genfleetApiKeyFilter(ApiSecuritySettings settings, ApiKeySource keys,
                                                              InternalSecret internal, StreamTickets tickets,
                                                              ObjectProvider<MeterRegistry> registry) {
        MeterRegistry meters = registry.getIfAvailable();
        ApiSecuritySettings.Security security = settings.security();
        ApiKeyFilter filter = new ApiKeyFilter(keys, security.allowAnonymous(), internal, tickets,
                new RateLimiter(security.submitPerMinute(), security.operatePerMinute(), Clock.systemUTC()),
                new AuditLog(meters), meters);
        FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("genfleetApiKeyFilter");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
