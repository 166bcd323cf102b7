package io.genfleet.standalone.console;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The console's server side: its settings and {@code GET /api/console} (the page itself is static/). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleSettings.class)
@Import(ConsoleController.class)
public class ConsoleModule {
}
