package io.tollgate.application.plugin.bundled;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedirectLocationTest {

    @Test
    void kongs_spec_case_keeps_the_scheme_and_host_with_the_requests_path_and_query() {
        assertThat(RedirectLocation.keepIncomingPath(
                        "https://example.com/some_path?foo=bar", "/status/200", "keep=this"))
                .isEqualTo("https://example.com/status/200?keep=this");
    }

    @Test
    void no_query_leaves_no_question_mark() {
        assertThat(RedirectLocation.keepIncomingPath("https://example.com/p?foo=bar", "/a", null))
                .isEqualTo("https://example.com/a");
        assertThat(RedirectLocation.keepIncomingPath("https://example.com/p?foo=bar", "/a", ""))
                .isEqualTo("https://example.com/a");
    }

    @Test
    void the_user_info_and_the_fragment_of_the_location_are_kept() {
        assertThat(RedirectLocation.keepIncomingPath("https://user:secret@example.com/x#top", "/a", "b=1"))
                .isEqualTo("https://user:secret@example.com/a?b=1#top");
    }

    @Test
    void a_default_port_is_dropped_and_another_kept() {
        assertThat(RedirectLocation.keepIncomingPath("https://example.com:443/x", "/a", null))
                .isEqualTo("https://example.com/a");
        assertThat(RedirectLocation.keepIncomingPath("http://example.com:80", "/a", null))
                .isEqualTo("http://example.com/a");
        assertThat(RedirectLocation.keepIncomingPath("http://example.com:8443/x", "/a", null))
                .isEqualTo("http://example.com:8443/a");
        assertThat(RedirectLocation.keepIncomingPath("http://[::1]:8080/x", "/a", null))
                .isEqualTo("http://[::1]:8080/a");
        assertThat(RedirectLocation.keepIncomingPath("http://[::1]/x", "/a", null))
                .isEqualTo("http://[::1]/a");
    }

    @Test
    void scheme_and_host_are_lower_cased_and_an_international_host_is_sent_in_ascii() {
        assertThat(RedirectLocation.keepIncomingPath("HTTPS://Example.COM/X", "/Path", null))
                .isEqualTo("https://example.com/Path");
        assertThat(RedirectLocation.keepIncomingPath("https://bücher.example/x", "/a", null))
                .isEqualTo("https://xn--bcher-kva.example/a");
    }

    @Test
    void characters_a_url_cannot_carry_raw_are_percent_encoded_and_escapes_kept() {
        assertThat(RedirectLocation.keepIncomingPath("https://example.com", "/a b/{c}/%41/円", "q=a b&r='x'"))
                .isEqualTo("https://example.com/a%20b/%7Bc%7D/%41/%E5%86%86?q=a%20b&r=%27x%27");
    }
}
