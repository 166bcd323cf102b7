package io.genfleet.common.config;

import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;

/**
 * A settings record as Spring Boot binds it from no properties at all: every {@code @DefaultValue} applied, nested
 * records included. Code that needs the defaults outside a Spring context (tests, the CLI, the benchmark) asks for
 * them here, so that each default is written once, on its record component.
 */
public final class SettingsDefaults {

    private SettingsDefaults() {
    }

    public static <T> T of(Class<T> settingsType) {
        // The conversion service of a Boot application, so "30s", "1MB" and enum names convert as they do there.
        Binder binder = new Binder(List.of(new MapConfigurationPropertySource()), null,
                ApplicationConversionService.getSharedInstance());
        return binder.bindOrCreate("genfleet", Bindable.of(settingsType));
    }
}
