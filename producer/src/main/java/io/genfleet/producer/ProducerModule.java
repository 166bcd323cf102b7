package io.genfleet.producer;

import io.genfleet.common.config.GenfleetCommonConfiguration;
import io.genfleet.common.security.web.ApiSecurityConfiguration;
import io.genfleet.common.web.UniformErrorsConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

/**
 * The producer service: {@code POST /api/batches} turns a storyboard into items and writes their
 * requests and {@code pending} events to Kafka in one transaction; {@code POST /api/batches/{id}/retry-failed}
 * requeues failed_permanent items from the dead-letter topic with a new epoch. Imported by
 * {@link ProducerApplication} and by standalone; every bean name starts with {@code producer}.
 *
 * <p>The {@link TypeExcludeFilter} keeps test configurations of this package out of the scan, as
 * {@code @SpringBootApplication} would.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(excludeFilters = {
        @ComponentScan.Filter(SpringBootApplication.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class)})
@Import({GenfleetCommonConfiguration.class, ApiSecurityConfiguration.class, UniformErrorsConfiguration.class})
@EnableConfigurationProperties(ProducerSettings.class)
public class ProducerModule {
}
