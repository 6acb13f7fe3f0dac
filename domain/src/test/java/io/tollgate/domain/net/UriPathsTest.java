package io.tollgate.domain.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Kong's {@code kong.tools.uri} normalization and escaping, with the cases of Kong's
 * {@code spec/01-unit/…/uri_spec.lua} that hold for Kong 3's "decode as much as possible" normalization (PR 8140),
 * always with {@code merge_slashes}, as the router normalizes.
 */
class UriPathsTest {

    @Test
    void no_normalization_necessary() {
        assertThat(UriPaths.normalize("/")).isEqualTo("/");
        assertThat(UriPaths.normalize("/a")).isEqualTo("/a");
        assertThat(UriPaths.normalize("/a/")).isEqualTo("/a/");
        assertThat(UriPaths.normalize("/a/b/c")).isEqualTo("/a/b/c");
        assertThat(UriPaths.normalize("/a/b/c/")).isEqualTo("/a/b/c/");
    }

    @Test
    void no_normalization_necessary_reserved_characters() {
        assertThat(UriPaths.normalize("/a%2Fb%2Fc/")).isEqualTo("/a%2Fb%2Fc/");
        String reserved = "/%21%23%24%25%26%27%28%29%2A%2B%2C%2F%3A%3B%3D%3F%40%5B%5D";
        assertThat(UriPaths.normalize(reserved)).isEqualTo(reserved);
    }

    @Test
    void converting_percent_encoded_triplets_to_uppercase() {
        assertThat(UriPaths.normalize("/a%2fb%2fc/")).isEqualTo("/a%2Fb%2Fc/");
        assertThat(UriPaths.normalize("/f%6f%6f")).isEqualTo("/foo");
    }

    @Test
    void decoding_percent_encoded_triplets_of_unreserved_characters() {
        assertThat(UriPaths.normalize("/%6B%6f%6e%67")).isEqualTo("/kong");
        assertThat(UriPaths.normalize("/%2E")).isEqualTo("/");
    }

    @Test
    void remove_dot_segments_and_merge_slashes() {
        assertThat(UriPaths.normalize("/./")).isEqualTo("/");
        assertThat(UriPaths.normalize("/.")).isEqualTo("/");
        assertThat(UriPaths.normalize("/..")).isEqualTo("/");
        assertThat(UriPaths.normalize("/../")).isEqualTo("/");
        assertThat(UriPaths.normalize("/./.././../")).isEqualTo("/");
        assertThat(UriPaths.normalize("/a/b/c/./../../g")).isEqualTo("/a/g"); // RFC 3986, p. 33
        assertThat(UriPaths.normalize("//")).isEqualTo("/");
        assertThat(UriPaths.normalize("/////")).isEqualTo("/");
        assertThat(UriPaths.normalize("/a//b//")).isEqualTo("/a/b/");
    }

    @Test
    void decodes_characters_that_are_neither_reserved_nor_unreserved() {
        assertThat(UriPaths.normalize("/endel%C3%B8st")).isEqualTo("/endeløst");
        assertThat(UriPaths.normalize("/a%20b/%e5%86%86")).isEqualTo("/a b/円");
        assertThat(UriPaths.normalize("/%7C%22%5C")).isEqualTo("/|\"\\");
        assertThat(UriPaths.normalize("/ä/a/%2e./a%2E//a/%2e/./a/../a/%2e%2E/%5f%99%af%2f%2F"))
                .as("bytes that are not UTF-8 stay encoded")
                .isEqualTo("/ä/a./a/_%99%AF%2F%2F");
        assertThat(UriPaths.normalize("/%C3%A4%2F%c3%a4")).isEqualTo("/ä%2Fä");
    }

    @Test
    void escape_keeps_reserved_and_unreserved_characters_plus_percent() {
        String safe = "/!#$%&'()*+,/:;=?@[]ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
        assertThat(UriPaths.escape(safe)).isSameAs(safe);
    }

    @Test
    void escape_spaces_and_utf8_characters() {
        assertThat(UriPaths.escape("/a b/c d")).isEqualTo("/a%20b/c%20d");
        assertThat(UriPaths.escape("/a😀")).isEqualTo("/a%F0%9F%98%80");
        assertThat(UriPaths.escape("/endeløst")).isEqualTo("/endel%C3%B8st");
        assertThat(UriPaths.escape("/|\"\\<>^`{}")).isEqualTo("/%7C%22%5C%3C%3E%5E%60%7B%7D");
    }

    @Test
    void escaping_a_normalized_path_gives_back_the_bytes_sent() {
        String raw = "/a%20b/%E5%86%86/%2F/%99/x";
        assertThat(UriPaths.escape(UriPaths.normalize(raw))).isEqualTo(raw);
    }
}
