package io.genfleet.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyEntriesTest {

    private static final String SECRET = "s3cret-0123456789abcdef";

    @Test
    void aBareSecretHasEveryScopeAndScopedEntriesOnlyTheirs() {
        List<ApiKeyEntries.Entry> entries = ApiKeyEntries.parse("test", List.of(" " + SECRET + " ", "",
                "reader-0123456789abcdef=read", "ci-0123456789abcdefgh=submit+read"));

        assertThat(entries).extracting(ApiKeyEntries.Entry::scopes).containsExactly(EnumSet.allOf(Scope.class),
                Set.of(Scope.READ), Set.of(Scope.SUBMIT, Scope.READ));
        assertThat(entries).extracting(ApiKeyEntries.Entry::secret).containsExactly(SECRET, "reader-0123456789abcdef",
                "ci-0123456789abcdefgh");
    }

    @Test
    void base64PaddingIsPartOfTheSecretNotAScopeList() {
        assertThat(ApiKeyEntries.parse("test", List.of("QUJDREVGR0hJSktMTU5PUA==")))
                .singleElement().satisfies(entry -> {
                    assertThat(entry.secret()).isEqualTo("QUJDREVGR0hJSktMTU5PUA==");
                    assertThat(entry.scopes()).isEqualTo(EnumSet.allOf(Scope.class));
                });
    }

    @Test
    void anUnknownScopeOrAShortKeyStopsWithThePositionNeverTheSecret() {
        assertThatThrownBy(() -> ApiKeyEntries.parse("GENFLEET_API_KEYS", List.of(SECRET, SECRET + "=read+admin")))
                .hasMessageContaining("GENFLEET_API_KEYS: key #2 of 2 has an unknown scope")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> ApiKeyEntries.parse("GENFLEET_API_KEYS", List.of("short-key=read")))
                .hasMessageContaining("key #1 of 1 has 9 characters").hasMessageNotContaining("short-key");
    }

    @Test
    void theKeyFileTakesLinesAndCommasAndSkipsComments() {
        assertThat(ApiKeyEntries.split("# rotated 2026-01-01\nk1,k2\n\n  # old: k0\nk3\n"))
                .map(String::strip).filteredOn(entry -> !entry.isEmpty()).containsExactly("k1", "k2", "k3");
    }

    @Test
    void aKeyIsKnownByItsNameAndScopesOnly() {
        ApiKeys keys = new ApiKeys(ApiKeyEntries.parse("test", List.of(SECRET + "=read", "other-0123456789abcdef")));

        assertThat(keys.authenticate(SECRET)).hasValueSatisfying(key -> {
            assertThat(key.name()).matches("key-[0-9a-f]{8}").isEqualTo(ApiKeys.nameOf(SECRET));
            assertThat(key.scopes()).containsExactly(Scope.READ);
        });
        assertThat(keys.authenticate(SECRET + "x")).isEmpty();
        assertThat(keys.authenticate("")).isEmpty();
        assertThat(keys.authenticate(null)).isEmpty();
        assertThat(keys.secretWith(Scope.OPERATE)).hasValue("other-0123456789abcdef");
        assertThat(keys.secretWith(Scope.READ)).hasValue(SECRET);
    }
}
