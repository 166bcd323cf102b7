package io.genfleet.standalone.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The page's script and markup must agree, and the script must never turn server data into HTML. */
class WebPageTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = WebPageTest.class.getResourceAsStream("/static/" + name)) {
            assertThat(in).as(name + " on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static final String[] SCRIPTS = {"console-model.js", "console-replay.js", "console-api.js",
            "console-batch.js", "console-submit.js", "console-dead-letters.js", "app.js"};

    @Test
    void everyElementTheScriptsLookUpIsOnThePage() throws IOException {
        Set<String> looked = new LinkedHashSet<>();
        for (String script : SCRIPTS) {
            looked.addAll(matches(Pattern.compile("\\$\\('([a-z-]+)'\\)"), resource(script)));
        }
        Set<String> present = matches(Pattern.compile("id=\"([a-z-]+)\""), resource("index.html"));
        assertThat(looked).as("ids used by app.js").isNotEmpty();
        assertThat(present).containsAll(looked);
    }

    @Test
    void theScriptsShowServerDataAsTextOnly() throws IOException {
        for (String name : SCRIPTS) {
            String script = resource(name);
            // Expected: prompts and error messages are user data; nothing is parsed as HTML or evaluated.
            assertThat(script).as(name).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML",
                    "document.write", "eval(", "new Function");
        }
        assertThat(resource("console-batch.js")).contains("textContent");
    }

    @Test
    void everyScriptThePageLoadsIsServedFromThisOrigin() throws IOException {
        Set<String> scripts = matches(Pattern.compile("<script src=\"([^\"]+)\""), resource("index.html"));
        assertThat(scripts).containsExactly(SCRIPTS);
        for (String script : scripts) {
            assertThat(resource(script)).as(script).isNotBlank();
        }
    }

    @Test
    void theApiKeyTravelsAsABearerHeader() throws IOException {
        String script = resource("console-api.js");
        assertThat(script).contains("headers.Authorization = 'Bearer ' + apiKey()");
        assertThat(script).doesNotContain("X-API-Key");
    }

    @Test
    void thePageLoadsNoInlineOrThirdPartyCode() throws IOException {
        String page = resource("index.html");
        assertThat(page).contains("script-src 'self'").doesNotContain("<script>").doesNotContain("http://",
                "https://");
    }
}
