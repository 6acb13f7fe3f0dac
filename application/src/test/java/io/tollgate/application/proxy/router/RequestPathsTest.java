package io.tollgate.application.proxy.router;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kong's path normalization before routing (kong-internals §8.1) and Tollgate's path-traversal check
 * ({@code proxy_refuse_path_traversal}).
 */
class RequestPathsTest {

    @Test
    void unreserved_characters_are_decoded_others_upper_cased_and_dot_segments_removed() {
        assertThat(RequestPaths.normalize("/a/%7euser/%2fx")).isEqualTo("/a/~user/%2Fx");
        assertThat(RequestPaths.normalize("/a/./b/../c")).isEqualTo("/a/c");
        assertThat(RequestPaths.normalize("/public/%2E%2E/private")).isEqualTo("/private");
        assertThat(RequestPaths.normalize("/public/%2E%2E%2Fprivate"))
                .as("an encoded slash is not a segment boundary for Kong")
                .isEqualTo("/public/..%2Fprivate");
        assertThat(RequestPaths.normalize("")).isEqualTo("/");
    }

    /** Kong's {@code normalize(path, merge_slashes = true)} as its router applies it, one fact per row. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/,                     /",
        "//,                    /",
        "/foo%3a,               /foo%3A",
        "/fo%6F,                /foo",
        "/foo/./bar/../baz,     /foo/baz",
        "//a///b//,             /a/b/",
        "/a//../b,              /b",
        "/a/b//..,              /a/",
        "/%2e%2E/x,             /x",
        "/a/.%2e/b,             /b",
        "/a/%2E,                /a/",
        "/a/%2E%2E,             /",
        "/../../a,              /a",
        "/a/..b/.c,             /a/..b/.c",
        "/request/foo%2Fbar,    /request/foo%2Fbar",
        "/request/auth%7c123,   /request/auth|123",
        "/a%20b/%e5%86%86,      /a b/円",
        "/a%2F%2Fb,             /a%2F%2Fb",
    })
    void normalizes_as_kongs_router_does(String raw, String expected) {
        assertThat(RequestPaths.normalize(raw)).isEqualTo(expected);
    }

    @Test
    void an_already_normal_path_is_returned_as_is() {
        String path = "/a/b.c/d/";
        assertThat(RequestPaths.normalize(path)).isSameAs(path);
    }

    @Test
    void merged_slashes_do_not_make_a_prefix_look_climbed_out_of() {
        String path = RequestPaths.normalize("/public//a%2Fb");
        assertThat(path).isEqualTo("/public/a%2Fb");
        assertThat(RequestPaths.climbsOutOfPrefix(path, "/public/".length())).isFalse();
        assertThat(RequestPaths.climbsOutOfPrefix(RequestPaths.normalize("/public/%2F%2E%2E%2Fx"), "/public".length()))
                .isTrue();
    }

    @Test
    void a_decoded_path_climbing_out_of_the_matched_prefix_is_caught() {
        String confused = RequestPaths.normalize("/public/%2E%2E%2Fprivate");
        assertThat(RequestPaths.climbsOutOfPrefix(confused, "/public".length())).isTrue();
        String backslash = RequestPaths.normalize("/public/..%5Cprivate");
        assertThat(RequestPaths.climbsOutOfPrefix(backslash, "/public".length()))
                .isTrue();
        String deeper = RequestPaths.normalize("/public/a/..%2Fb");
        assertThat(RequestPaths.climbsOutOfPrefix(deeper, "/public".length()))
                .as("still under /public once decoded")
                .isFalse();
        String slash = RequestPaths.normalize("/public/a%2Fb");
        assertThat(RequestPaths.climbsOutOfPrefix(slash, "/public".length())).isFalse();
        assertThat(RequestPaths.climbsOutOfPrefix("/public/plain", "/public".length()))
                .isFalse();
        assertThat(RequestPaths.climbsOutOfPrefix(RequestPaths.normalize("/..%2F..%2Fetc"), 0))
                .as("a route without paths exposes everything")
                .isFalse();
    }
}
