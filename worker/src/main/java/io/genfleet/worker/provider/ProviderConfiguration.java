package io.genfleet.worker.provider;

import io.genfleet.worker.WorkerSettings;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The provider the worker calls: the simulated one (with its call log when {@code genfleet.worker.provider.call-log}
 * is set), under the configured time limit.
 */
@Configuration(proxyBeanMethods = false)
class ProviderConfiguration {

    @Bean
    GenerationProvider workerGenerationProvider(WorkerSettings settings) {
        SimulatedProvider simulated = new SimulatedProvider(settings.provider());
        Path callLog = settings.provider().callLog();
        return callLog == null ? simulated : ProviderCallLog.wrap(simulated, callLog);
    }

    @Bean(destroyMethod = "close")
    ProviderInvoker workerProviderInvoker(GenerationProvider workerGenerationProvider, WorkerSettings settings) {
        return new ProviderInvoker(workerGenerationProvider, settings.provider().timeout());
    }
}
