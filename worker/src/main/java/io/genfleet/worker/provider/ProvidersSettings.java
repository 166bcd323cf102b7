package io.genfleet.worker.provider;

import io.genfleet.common.item.Lane;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which provider generates each lane ({@code genfleet.providers.<lane>.*}, env {@code GENFLEET_PROVIDERS_<LANE>_*}).
 * Both lanes default to the simulated provider, whose settings stay under {@code genfleet.worker.provider.*}.
 */
@Validated
@ConfigurationProperties("genfleet.providers")
public record ProvidersSettings(
        @Valid @NotNull @DefaultValue LaneProviderSettings image,
        @Valid @NotNull @DefaultValue LaneProviderSettings video) {

    /** Both lanes simulated, for code that runs without Spring's binder (tests). */
    public static ProvidersSettings simulated() {
        return new ProvidersSettings(LaneProviderSettings.simulated(), LaneProviderSettings.simulated());
    }

    public LaneProviderSettings of(Lane lane) {
        return switch (lane) {
            case IMAGE -> image;
            case VIDEO -> video;
        };
    }
}
