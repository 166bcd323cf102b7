package io.genfleet.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlEncodingTest {

    @Test
    void aSegmentKeepsSafeCharactersAndEncodesTheRestWithSpacesAsPercent20() {
        assertThat(UrlEncoding.segment("scene_0-a.png")).isEqualTo("scene_0-a.png");
        assertThat(UrlEncoding.segment("a b+c")).isEqualTo("a%20b%2Bc");
        assertThat(UrlEncoding.segment("a/b?c#d")).isEqualTo("a%2Fb%3Fc%23d");
        assertThat(UrlEncoding.segment("ü")).isEqualTo("%C3%BC");
    }
}
