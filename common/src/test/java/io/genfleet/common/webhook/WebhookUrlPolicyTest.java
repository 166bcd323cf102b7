package io.genfleet.common.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookUrlPolicyTest {

    private final WebhookUrlPolicy defaults = new WebhookUrlPolicy(false, false);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://93.184.216.34/hook      | must be an https URL",
            "ftp://93.184.216.34/hook       | must be an https URL",
            "https://127.0.0.1/hook         | non-public address 127.0.0.1",
            "https://localhost/hook         | non-public address",
            "https://10.1.2.3/hook          | non-public address 10.1.2.3",
            "https://172.20.0.1/hook        | non-public address",
            "https://192.168.1.1/hook       | non-public address",
            "https://169.254.169.254/latest | non-public address 169.254.169.254",
            "https://100.64.0.1/hook        | non-public address",
            "https://[::1]/hook             | non-public address",
            "https://[fd00::1]/hook         | non-public address",
            "https://user:pw@93.184.216.34/ | must not carry credentials",
            "https:///nohost                | has no host"})
    void refusesByDefault(String url, String reason) {
        assertThatThrownBy(() -> defaults.check(url)).isInstanceOf(WebhookUrlPolicy.RefusedUrlException.class)
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.216.34/hook", "https://[2606:2800:220:1::1]/hook"})
    void acceptsHttpsToPublicAddresses(String url) {
        assertThat(defaults.check(url).toString()).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8089/hook", "https://10.0.0.5/hook"})
    void theSettingsAllowHttpAndPrivateAddresses(String url) {
        assertThat(new WebhookUrlPolicy(true, true).check(url).toString()).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "100.128.0.1", "172.32.0.1"})
    void publicAddressesAreNotPrivate(String address) throws Exception {
        assertThat(WebhookUrlPolicy.isPrivate(InetAddress.getByName(address))).isFalse();
    }
}
