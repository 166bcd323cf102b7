package io.genfleet.standalone.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class FleetApiKeyTest {

    @Test
    void aGeneratedKeyHas256RandomBitsInUrlSafeBase64() {
        Set<String> keys = IntStream.range(0, 100).mapToObj(i -> FleetApiKey.generate().value()).collect(Collectors.toSet());

        assertThat(keys).hasSize(100).allMatch(key -> key.matches("[A-Za-z0-9_-]{43}"));
        assertThat(FleetApiKey.generate().generated()).isTrue();
    }

    @Test
    void theFirstKeyOfGenfleetApiKeysIsUsedWhenSet() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("GENFLEET_API_KEYS", " , env-key-0123456789abc,other-key-0123456789")));

        assertThat(FleetApiKey.configured(environment)).hasValue("env-key-0123456789abc");
    }

    @Test
    void theFleetUsesTheSecretOfTheKeyWithTheMostScopesNeverAScopeList() {
        assertThat(FleetApiKey.firstOf("dashboard-key-0123456789=read, ci-key-0123456789abcd=submit+read,"
                + " admin-key-0123456789abc, second-admin-0123456789ab")).hasValue("admin-key-0123456789abc");
        assertThat(FleetApiKey.firstOf("dashboard-key-0123456789=read")).hasValue("dashboard-key-0123456789");
    }

    @Test
    void aKeyInTheFleetSettingsWinsAndIsNotGenerated() {
        FleetApiKey key = FleetApiKey.resolve(Map.of(FleetApiKey.PROPERTY, "settings-key-0123456789,another"));

        assertThat(key).isEqualTo(new FleetApiKey("settings-key-0123456789", false));
    }

    @Test
    void toStringNeverShowsTheKey() {
        FleetApiKey key = FleetApiKey.generate();

        assertThat(key.toString()).doesNotContain(key.value());
    }
}
