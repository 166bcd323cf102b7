package io.genfleet.common.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageUriTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://cdn.example.com/frames/0.png", "http://10.0.0.1:8080/a.png?sig=x%20y",
            "HTTPS://example.com/a.png"})
    void absoluteHttpUrisAreValid(String uri) {
        assertThat(ImageUri.problem(uri)).isEmpty();
        assertThat(ImageUri.require(uri)).isEqualTo(uri);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/relative/a.png | absolute https or http",
            "file:///etc/passwd | absolute https or http",
            "ftp://example.com/a.png | absolute https or http",
            "https:///a.png | must name a host",
            "https://exa mple.com/a.png | is not a URI"})
    void everythingElseIsRefusedWithAReason(String uri, String reason) {
        assertThat(ImageUri.problem(uri)).hasValueSatisfying(problem -> assertThat(problem).contains(reason));
        assertThatThrownBy(() -> ImageUri.require(uri)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }
}
