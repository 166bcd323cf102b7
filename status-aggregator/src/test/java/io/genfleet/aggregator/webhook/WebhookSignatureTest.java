package io.genfleet.aggregator.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final byte[] BODY = "{\"id\":\"evt-1\",\"type\":\"batch.done\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsTheTimestampDotBodyWithHmacSha256InHex() throws Exception {
        String header = new WebhookSignature("s3cret").header(1_700_000_000L, BODY);

        // Computed independently, as a receiver would.
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update("1700000000.".getBytes(StandardCharsets.UTF_8));
        assertThat(header).isEqualTo("t=1700000000,v1=" + HexFormat.of().formatHex(mac.doFinal(BODY)));
    }

    @Test
    void aChangedBodyTimestampOrSecretDoesNotVerify() {
        WebhookSignature signature = new WebhookSignature("s3cret");
        String header = signature.header(1_700_000_000L, BODY);

        assertThat(signature.verifies(header, BODY)).isTrue();
        assertThat(signature.verifies(header, "{}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(signature.verifies(header.replace("t=1700000000", "t=1700000001"), BODY)).isFalse();
        assertThat(new WebhookSignature("other").verifies(header, BODY)).isFalse();
        assertThat(signature.verifies("v1=abc", BODY)).isFalse();
    }

    @Test
    void aBlankSecretIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new WebhookSignature(" ")).hasMessageContaining("genfleet.webhooks.secret");
    }
}
