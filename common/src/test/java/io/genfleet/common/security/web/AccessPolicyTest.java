package io.genfleet.common.security.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.genfleet.common.security.Scope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;

class AccessPolicyTest {

    @ParameterizedTest(name = "{0} {1} -> {2} {3} {4}")
    @CsvSource(nullValues = "-", value = {
            "GET,    /api/batches/b1,                         KEY,      READ,    -",
            "GET,    /api/batches/b1/stream,                  KEY,      READ,    -",
            "HEAD,   /api/fleet,                              KEY,      READ,    -",
            "POST,   /api/batches,                            KEY,      SUBMIT,  submit",
            "POST,   /api/batches/b1/stream-tickets,          KEY,      READ,    -",
            "POST,   /api/batches/b1/retry-failed,            KEY,      OPERATE, retry_failed",
            "POST,   /api/batches/b1/items/scene_0/retry,     KEY,      OPERATE, item_retry",
            "POST,   /api/dead-letters/replay,                KEY,      OPERATE, dlt_replay",
            "DELETE, /api/batches/b1,                         KEY,      OPERATE, operate",
            "PUT,    /api/something-new,                      KEY,      OPERATE, operate",
            "POST,   /actuator/shutdown,                      KEY,      OPERATE, operate",
            "GET,    /actuator/health,                        PUBLIC,   -,       -",
            "GET,    /,                                       PUBLIC,   -,       -",
            "GET,    /internal/batches/b1,                    INTERNAL, -,       -",
            "POST,   /internal/anything,                      INTERNAL, -,       -"})
    void everyRouteNeedsWhatItsScopeSays(String method, String path, Access.Kind kind, Scope scope, String action) {
        Access access = AccessPolicy.of(method, path);

        assertThat(access.kind()).isEqualTo(kind);
        assertThat(access.scope()).isEqualTo(scope);
        assertThat(access.action()).isEqualTo(action);
    }

    @ParameterizedTest
    @CsvSource({"//api//batches/b1, /api/batches/b1", "/api;x=1/batches/b1, /api/batches/b1",
            "/%61pi/batches/b1, /api/batches/b1"})
    void noSpellingOfAPathSlipsPastThePrefixCheck(String uri, String normalised) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);

        assertThat(AccessPolicy.pathOf(request)).isEqualTo(normalised);
        assertThat(AccessPolicy.of("GET", AccessPolicy.pathOf(request)).kind()).isEqualTo(Access.Kind.KEY);
    }
}
