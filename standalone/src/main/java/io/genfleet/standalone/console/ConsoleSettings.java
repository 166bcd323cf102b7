package io.genfleet.standalone.console;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The console's settings ({@code genfleet.console.*}); only {@code serve} runs the console.
 *
 * @param grafanaUrl where the fleet view links to dashboards ({@code GENFLEET_CONSOLE_GRAFANA_URL}); empty: no link.
 *                   Only an absolute http(s) URL is accepted, so that the page can never be made to link to a
 *                   {@code javascript:} or {@code data:} URL.
 */
@Validated
@ConfigurationProperties("genfleet.console")
public record ConsoleSettings(@NotNull @DefaultValue("") String grafanaUrl) {

    @AssertTrue(message = "grafana-url (GENFLEET_CONSOLE_GRAFANA_URL) must be an absolute http:// or https:// URL "
            + "with a host, or empty for no link")
    public boolean isGrafanaUrlHttp() {
        if (grafanaUrl == null || grafanaUrl.isBlank()) {
            return true;
        }
        try {
            URI uri = new URI(grafanaUrl.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The link the page shows, or null for none. */
    public String grafanaLink() {
        return grafanaUrl == null || grafanaUrl.isBlank() ? null : grafanaUrl.trim();
    }
}
