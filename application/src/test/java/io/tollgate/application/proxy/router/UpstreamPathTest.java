package io.tollgate.application.proxy.router;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpstreamPathTest {

    /** service path | request path | matched route prefix | strip_path | expected upstream path (v0). */
    @ParameterizedTest(name = "{0} + {1} (route {2}, strip {3}) -> {4}")
    @CsvSource(
            nullValues = "null",
            value = {
                "/,      /foo/bar, /foo,  true,  /bar",
                "/,      /foo,     /foo,  true,  /",
                "/,      /foo/,    /foo,  true,  /",
                "/,      /,        /,     true,  /",
                "/,      /foo/bar, /,     true,  /foo/bar",
                "/s/,    /foo,     /foo,  true,  /s",
                "/s/,    /foo/,    /foo/, true,  /s/",
                "/s/,    /foox,    /foo,  true,  /s/x",
                "/s/,    /foo/x,   /foo,  true,  /s/x",
                "/s/,    /foo/x,   /foo,  false, /s/foo/x",
                "/s,     /r,       /r,    true,  /s",
                "/s,     /r/,      /r,    true,  /s/",
                "/s,     /r/,      /r/,   true,  /s/",
                "/s,     /rx,      /r,    true,  /s/x",
                "/s,     /r/x,     /r,    true,  /s/x",
                "/s,     /,        /,     false, /s",
                "/s,     /r/x,     /r,    false, /s/r/x",
                "null,   /r/x,     /r,    false, /r/x",
                "null,   /r/x,     /r,    true,  /x",
                "null,   /r,       /r,    true,  /",
                "/s/,    /r/x,     /r/x,  true,  /s",
                "/s/,    /,        /,     false, /s/",
                "/s/,    /r,       /,     true,  /s/r",
                "/,      /r/,      /r/,   true,  /",
                "/s,     /r/x/,    /r,    true,  /s/x/",
                "/s,     /r/x/,    /r,    false, /s/r/x/",
                "/a/b,   /r,       /r,    true,  /a/b",
                "/a/b/,  /r/,      /r,    true,  /a/b/",
            })
    void v0Joins(String servicePath, String requestPath, String prefix, boolean strip, String expected) {
        String postfix = strip ? requestPath.substring(prefix.length()) : null;
        assertThat(UpstreamPath.v0(servicePath, requestPath, postfix)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "v1: {0} + {1} (route {2}, strip {3}) -> {4}")
    @CsvSource(
            nullValues = "null",
            value = {
                "/s,  /rx,   /r, true,  /sx",
                "/s/, /r/x,  /r, true,  /s/x",
                "/,   /r/x,  /r, false, /r/x",
                "/s,  /r,    /r, true,  /s",
                "/s,  /r/x,  /r, false, /sr/x",
                "/s/, /rx,   /r, true,  /s/x",
                "/s/, /r,    /r, true,  /s/",
                "null, /r/x, /r, true,  /x",
                "null, /r/x, /r, false, /r/x",
            })
    void v1Joins(String servicePath, String requestPath, String prefix, boolean strip, String expected) {
        String postfix = strip ? requestPath.substring(prefix.length()) : null;
        assertThat(UpstreamPath.v1(servicePath, requestPath, postfix)).isEqualTo(expected);
    }

    /** Kong's {@code sanitize_uri_postfix}: a leading dot segment of the postfix is dropped. */
    @ParameterizedTest(name = "{0} after {1} chars -> [{2}]")
    @CsvSource({
        "/foo/bar,  4, /bar",
        "/foo,      4, ''",
        "/foo,      9, ''",
        "/foo..,    4, ''",
        "/foo.,     4, ''",
        "/foo../x,  4, x",
        "/foo./x,   4, x",
        "/foo.x,    4, .x",
        "/foo...,   4, ...",
        "/foo..x,   4, ..x",
        "/,         1, ''",
        "/route/,   1, route/",
    })
    void postfixDropsALeadingDotSegment(String requestPath, int prefixLength, String expected) {
        assertThat(UpstreamPath.postfix(requestPath, prefixLength)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/a/b,        /a/b",
        "/a/./b,      /a/b",
        "/a/b/..,     /a/",
        "/a/../../b,  /b",
        "/%7Efoo%2fx, /~foo%2Fx",
        "/%41%62c,    /Abc",
        "'',          /",
    })
    void normalizesRequestPaths(String raw, String expected) {
        assertThat(RequestPaths.normalize(raw)).isEqualTo(expected);
    }
}
