package io.genfleet.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.security.ApiSecuritySettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.DefaultValue;

class SettingsDefaultsTest {

    record Inner(@DefaultValue("7") int count, @DefaultValue("3s") Duration pause) {
    }

    record Outer(@DefaultValue({"a", "b"}) List<String> names, @DefaultValue Inner inner, Duration unset) {
    }

    @Test
    void everyDefaultValueIsAppliedNestedRecordsIncluded() {
        Outer outer = SettingsDefaults.of(Outer.class);
        assertThat(outer.names()).containsExactly("a", "b");
        assertThat(outer.inner()).isEqualTo(new Inner(7, Duration.ofSeconds(3)));
        assertThat(outer.unset()).as("a component without a default stays unset").isNull();
    }

    @Test
    void theSecuritySettingsDefaultsAreTheDocumentedOnes() {
        ApiSecuritySettings.Security security = ApiSecuritySettings.Security.defaults();
        assertThat(security.allowAnonymous()).isFalse();
        assertThat(security.submitPerMinute()).isEqualTo(60);
        assertThat(security.operatePerMinute()).isEqualTo(30);
        assertThat(security.keyFileCheckInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(security.streamTicketTtl()).isEqualTo(Duration.ofSeconds(30));
    }
}
