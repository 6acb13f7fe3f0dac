package io.tollgate.application.proxy.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Kong's {@code traditional_compatible} priority between routes that all match (kong-internals §8.2), one test per
 * tie-break, in the order they apply.
 */
class RouterPriorityTest extends RouterFixture {

    @Test
    void moreCriteriaWinOverEverythingElse() {
        route("long-path", Map.of("paths", List.of("/a/b/c/d"), "headers", Map.of("x", List.of("1"))));
        route("host-and-path", Map.of("hosts", List.of("*.test"), "paths", List.of("/a"), "methods", List.of("GET")));

        assertThat(match("GET", "h.test", 8000, "/a/b/c/d", Map.of("x", List.of("1"))))
                .contains("host-and-path");
        assertThat(match("GET", "other", 8000, "/a/b/c/d", Map.of("x", List.of("1"))))
                .contains("long-path");
    }

    @Test
    void snisCountAsACriterionOnTls() {
        route("path", Map.of("paths", List.of("/s/longer")));
        route("sni-and-path", Map.of("paths", List.of("/s"), "snis", List.of("a.test")));

        assertThat(matchTls("a.test", "x", "/s/longer")).contains("sni-and-path");
        assertThat(matchTls("b.test", "x", "/s/longer")).contains("path");
    }

    @Test
    void plainHostsWinOverWildcardHostsAndOverMoreHeaders() {
        route(
                "wild",
                Map.of(
                        "hosts",
                        List.of("*.test"),
                        "paths",
                        List.of("/x/long"),
                        "headers",
                        Map.of("a", List.of("1"), "b", List.of("2"))));
        route(
                "plain",
                Map.of("hosts", List.of("a.test"), "paths", List.of("/x"), "headers", Map.of("a", List.of("1"))));

        Map<String, List<String>> headers = Map.of("a", List.of("1"), "b", List.of("2"));
        assertThat(match("GET", "a.test", 8000, "/x/long", headers)).contains("plain");
        assertThat(match("GET", "b.test", 8000, "/x/long", headers)).contains("wild");
    }

    @Test
    void aRouteWithOneWildcardAmongItsHostsIsNotPlain() {
        route("mixed", Map.of("hosts", List.of("a.test", "*.other"), "paths", List.of("/x/long")));
        route("plain", Map.of("hosts", List.of("a.test"), "paths", List.of("/x")));

        assertThat(match("a.test", "/x/long")).contains("plain");
    }

    @Test
    void moreHeadersWinOverRegexAndLongerPaths() {
        route(
                "one-header-regex",
                Map.of("paths", List.of("~/y/long"), "headers", Map.of("a", List.of("1")), "regex_priority", 100));
        route("two-headers", Map.of("paths", List.of("/y"), "headers", Map.of("a", List.of("1"), "b", List.of("2"))));

        assertThat(match("GET", "z", 8000, "/y/long", Map.of("a", List.of("1"), "b", List.of("2"))))
                .contains("two-headers");
        assertThat(match("GET", "z", 8000, "/y/long", Map.of("a", List.of("1"))))
                .contains("one-header-regex");
    }

    @Test
    void regexPathsWinOverLongerPrefixes() {
        route("prefix", Map.of("paths", List.of("/users/123/profile")));
        route("regex", Map.of("paths", List.of("~/users/\\d+")));

        assertThat(match("x", "/users/123/profile")).contains("regex");
        assertThat(match("x", "/users/abc/profile")).isEmpty();
    }

    @Test
    void higherRegexPriorityWinsAmongRegexesIncludingNegativeOnes() {
        route("regex-low", Map.of("paths", List.of("~/users/\\d+"), "regex_priority", -5));
        route("regex-mid", Map.of("paths", List.of("~/users/[0-9]+"), "regex_priority", 0));
        route("regex-high", Map.of("paths", List.of("~/users/1\\d*"), "regex_priority", 5));

        assertThat(match("x", "/users/123")).contains("regex-high");
        assertThat(match("x", "/users/923")).contains("regex-mid");
    }

    @Test
    void regexPriorityDoesNotApplyToPrefixPaths() {
        route("prefix-prioritised", Map.of("paths", List.of("/a"), "regex_priority", 50));
        route("prefix-longer", Map.of("paths", List.of("/a/b")));

        assertThat(match("x", "/a/b")).contains("prefix-longer");
    }

    @Test
    void longerPrefixesWin() {
        route("short", Map.of("paths", List.of("/a")));
        route("long", Map.of("paths", List.of("/a/b")));
        route("root", Map.of("paths", List.of("/")));

        assertThat(match("x", "/a/b/c")).contains("long");
        assertThat(match("x", "/a/bc")).contains("long");
        assertThat(match("x", "/a/c")).contains("short");
        assertThat(match("x", "/b")).contains("root");
    }

    @Test
    void eachPathGroupOfARouteHasItsOwnPriority() {
        route("split", Map.of("paths", List.of("/a", "/a/b/c")));
        route("middle", Map.of("paths", List.of("/a/b")));

        assertThat(match("x", "/a/b/c/d")).contains("split");
        assertThat(match("x", "/a/b/x")).contains("middle");
        assertThat(match("x", "/a/x")).contains("split");
    }

    @Test
    void equalPrioritiesGoToTheLargerIdWhateverTheirAge() {
        route(
                "newer",
                Map.of("paths", List.of("/t"), "created_at", 2000L, "id", "00000000-0000-0000-0000-000000000002"));
        route(
                "older",
                Map.of("paths", List.of("/t"), "created_at", 1000L, "id", "00000000-0000-0000-0000-000000000001"));

        assertThat(match("x", "/t")).contains("newer");
    }

    @Test
    void equalPrioritiesAndAgesGoToTheLargerId() {
        UUID low = UUID.fromString("00000000-0000-0000-0000-000000000001");
        UUID high = UUID.fromString("f0000000-0000-0000-0000-000000000002");
        route("low-id", Map.of("id", low.toString(), "paths", List.of("/t")));
        route("high-id", Map.of("id", high.toString(), "paths", List.of("/t")));

        assertThat(match("x", "/t")).contains("high-id");
    }

    @Test
    void withinOneRouteTheFirstListedRegexThatMatchesGivesTheCaptures() {
        route("two-regexes", Map.of("paths", List.of("~/p/(?<first>\\d+)", "~/p/(?<second>\\d+)")));

        RouteMatch match = router().match(request("http", null, "GET", "", 80, "/p/7", Map.of()))
                .orElseThrow();
        assertThat(match.uriCaptures().named()).isEqualTo(Map.of("first", "7"));
    }

    @Test
    void priorityBitsFollowKongsLayout() {
        route(
                "r",
                Map.of(
                        "hosts",
                        List.of("a.test"),
                        "methods",
                        List.of("GET"),
                        "paths",
                        List.of("~/x"),
                        "headers",
                        Map.of("h", List.of("1")),
                        "regex_priority",
                        3));
        RouteRules rules = RouteRules.of(routes.get(0));
        long p = new RouteCandidate(rules, service, "~/x", 0).priority;

        assertThat(p >>> 61).as("criteria").isEqualTo(4);
        assertThat((p >>> 60) & 1).as("plain hosts").isEqualTo(1);
        assertThat((p >>> 52) & 0xFF).as("headers").isEqualTo(1);
        assertThat((p >>> 51) & 1).as("regex").isEqualTo(1);
        assertThat(((p >>> 19) & 0xFFFFFFFFL) + Integer.MIN_VALUE)
                .as("regex_priority")
                .isEqualTo(3);
        assertThat(p & 0x7FFFF).as("prefix length").isZero();
        assertThat(new RouteCandidate(rules, service, "/abc", 0).priority & 0x7FFFF)
                .isEqualTo(4);
    }
}
