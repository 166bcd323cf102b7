package io.genfleet.producer.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.producer.ProducerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The filter's decisions, without a server: fail closed without keys, the opt-out, reads always through. */
class ApiKeyFilterTest {

    private static final String KEY = "filter-key-0123456789";

    @Test
    void withoutConfiguredKeysEveryChangeIsRefusedWith503TellingTheOperatorWhatToSet() throws Exception {
        MockHttpServletResponse response = run(filter(List.of(), false), post(KEY));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("urn:genfleet:problem:authentication-not-configured",
                "set GENFLEET_API_KEYS", "genfleet.security.allow-anonymous=true");
    }

    @Test
    void theOptOutLetsAnonymousChangesThroughWhenNoKeyIsConfigured() throws Exception {
        MockHttpServletResponse response = run(filter(List.of(), true), post(null));

        assertThat(response.getStatus()).as("the chain answered").isEqualTo(200);
    }

    @Test
    void theOptOutIsIgnoredOnceKeysAreConfigured() throws Exception {
        assertThat(run(filter(List.of(KEY), true), post(null)).getStatus()).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "OPTIONS"})
    void readsNeedNoKey(String method) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/batches/b-1");

        assertThat(run(filter(List.of(KEY), false), request).getStatus()).isEqualTo(200);
        assertThat(run(filter(List.of(), false), request).getStatus()).isEqualTo(200);
    }

    @Test
    void bearerWithTheKeyPasses() throws Exception {
        MockHttpServletRequest request = post(null);
        request.addHeader("Authorization", "Bearer " + KEY);

        assertThat(run(filter(List.of(KEY), false), request).getStatus()).isEqualTo(200);
    }

    private static ApiKeyFilter filter(List<String> keys, boolean allowAnonymous) {
        return new ApiKeyFilter(new ApiKeys(keys), allowAnonymous, new AuthenticationProblems(),
                new ProducerMetrics(new SimpleMeterRegistry()));
    }

    private static MockHttpServletRequest post(String apiKey) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/batches");
        if (apiKey != null) {
            request.addHeader("X-API-Key", apiKey);
        }
        return request;
    }

    private static MockHttpServletResponse run(ApiKeyFilter filter, MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }
}
