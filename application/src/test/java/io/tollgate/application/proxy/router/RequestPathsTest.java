package io.tollgate.application.proxy.router;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
