package io.genfleet.worker.provider;

import io.genfleet.worker.WorkerSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The provider the worker calls: the simulated one, under the configured time limit. */
@Configuration(proxyBeanMethods = false)
class ProviderConfiguration {

    @Bean
    GenerationProvider workerGenerationProvider(WorkerSettings settings) {
        return new SimulatedProvider(settings.provider());
    }

    @Bean(destroyMethod = "close")
    ProviderInvoker workerProviderInvoker(GenerationProvider workerGenerationProvider, WorkerSettings settings) {
        return new ProviderInvoker(workerGenerationProvider, settings.provider().timeout());
    }
}
