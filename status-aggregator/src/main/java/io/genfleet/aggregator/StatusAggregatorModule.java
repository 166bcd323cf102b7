package io.genfleet.aggregator;

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
 * The status aggregator as a unit that any Spring Boot application can import (its own application, or
 * standalone together with the producer and the worker): the Streams app that folds status events into
 * item and batch stores, and the HTTP API that reads them.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(excludeFilters = {
        @ComponentScan.Filter(SpringBootApplication.class),
        // Lets test slices (@WebMvcTest) exclude what they do not need.
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class)})
@Import({GenfleetCommonConfiguration.class, ApiSecurityConfiguration.class, UniformErrorsConfiguration.class})
@EnableConfigurationProperties(AggregatorSettings.class)
public class StatusAggregatorModule {
}
