package io.genfleet.worker;

import io.genfleet.common.config.GenfleetCommonConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

/**
 * The worker service: one listener per configured lane reads generation requests, calls the
 * {@link io.genfleet.worker.provider.GenerationProvider}, reports status events and retries failures
 * through the lane's delay topics into its dead-letter topic. Imported by {@link WorkerApplication} and by
 * standalone; every bean name starts with {@code worker}, and no bean has a type that Boot auto-configures
 * for the whole context (no plain {@code ProducerFactory}, {@code ConsumerFactory} or {@code KafkaTemplate}).
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(excludeFilters = {
        @ComponentScan.Filter(SpringBootApplication.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class)})
@Import(GenfleetCommonConfiguration.class)
@EnableConfigurationProperties(WorkerSettings.class)
public class WorkerModule {
}
