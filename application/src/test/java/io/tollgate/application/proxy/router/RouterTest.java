package io.tollgate.application.proxy.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.proxy.Entities;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.route.Routes;
import io.tollgate.domain.service.Service;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kong's matching rules (kong-internals §8.1), one test per rule. Priorities: {@link RouterPriorityTest}. */
class RouterTest extends RouterFixture {

    @Test
    void matchesPlainPathsAsStringPrefixesWithoutSegmentBoundary() {
        route("foo", Map.of("paths", List.of("/foo")));

        assertThat(match("x", "/foo")).contains("foo");
        assertThat(match("x", "/foobar")).contains("foo");
        assertThat(match("x", "/foo/bar")).contains("foo");
        assertThat(match("x", "/fo")).isEmpty();
        assertThat(match("x", "/bar/foo")).isEmpty();
    }

    @Test
    void matchesTheNormalizedPath() {
        route("abc", Map.of("paths", List.of("/abc/")));

        assertThat(match("x", "/%61bc/")).contains("abc");
        assertThat(match("x", "/x/../abc/./d")).contains("abc");
        assertThat(match("x", "//abc//d"))
                .as("slashes merged, as Kong's router does")
                .contains("abc");
        assertThat(match("x", "/abc/%2E%2E/abc/")).contains("abc");
        assertThat(match("x", "/abc/%2E%2E")).isEmpty();
        assertThat(match("x", "/abc%2F")).isEmpty();
    }

    @Test
    void matchesRegexPathsAnchoredAtTheStart() {
        route("versioned", Map.of("paths", List.of("~/v\\d+/items")));

        assertThat(match("x", "/v2/items")).contains("versioned");
        assertThat(match("x", "/v10/items/7")).contains("versioned");
        assertThat(match("x", "/api/v2/items")).isEmpty();
        assertThat(match("x", "/vx/items")).isEmpty();
    }

    @Test
    void exposesNumberedAndNamedRegexCaptures() {
        route("users", Map.of("paths", List.of("~/users/(?<id>\\d+)(/(\\w+))?")));

        RouteMatch full = router().match(request("http", null, "GET", "", 80, "/users/42/posts", Map.of()))
                .orElseThrow();
        assertThat(full.uriCaptures().get("id")).isEqualTo("42");
        assertThat(full.uriCaptures().get(1)).isEqualTo("42");
        assertThat(full.uriCaptures().get(2)).isEqualTo("/posts");
        assertThat(full.uriCaptures().get(3)).isEqualTo("posts");
        assertThat(full.uriCaptures().numbered()).hasSize(3);

        RouteMatch partial = router().match(request("http", null, "GET", "", 80, "/users/7", Map.of()))
                .orElseThrow();
        assertThat(partial.uriCaptures().get("id")).isEqualTo("7");
        assertThat(partial.uriCaptures().get(2)).isNull();
        assertThat(partial.uriCaptures().get(0))
                .as("the whole match, as Kong's uri_captures[0]")
                .isEqualTo("/users/7");
        assertThat(full.uriCaptures().get(0)).isEqualTo("/users/42/posts");

        route("plain", Map.of("paths", List.of("/plain")));
        RouteMatch prefix = router().match(request("http", null, "GET", "", 80, "/plain", Map.of()))
                .orElseThrow();
        assertThat(prefix.uriCaptures().isEmpty()).isTrue();
    }

    @Test
    void matchesExactHostsCaseInsensitivelyAndIgnoresATrailingDot() {
        route("exact", Map.of("hosts", List.of("API.example.com")));

        assertThat(match("api.example.com", "/")).contains("exact");
        assertThat(match("api.example.com.", "/")).contains("exact");
        assertThat(match("other.example.com", "/")).isEmpty();
        assertThat(match("example.com", "/")).isEmpty();
    }

    @Test
    void matchesSuffixWildcardHosts() {
        route("suffix", Map.of("hosts", List.of("*.example.org")));

        assertThat(match("a.example.org", "/")).contains("suffix");
        assertThat(match("a.b.example.org", "/")).contains("suffix");
        assertThat(match("example.org", "/")).isEmpty();
        assertThat(match("aexample.org", "/")).isEmpty();
    }

    @Test
    void matchesPrefixWildcardHosts() {
        route("prefix", Map.of("hosts", List.of("shop.*")));

        assertThat(match("shop.test", "/")).contains("prefix");
        assertThat(match("shop.example.co.uk", "/")).contains("prefix");
        assertThat(match("shopping.test", "/")).isEmpty();
        assertThat(match("my.shop.test", "/")).isEmpty();
    }

    @Test
    void aHostWithPortAlsoRequiresTheDestinationPort() {
        route("port", Map.of("hosts", List.of("ported.test:9000")));
        route("wild-port", Map.of("hosts", List.of("*.wild.test:9000")));

        assertThat(match("GET", "ported.test", 9000, "/", Map.of())).contains("port");
        assertThat(match("GET", "ported.test", 8000, "/", Map.of())).isEmpty();
        assertThat(match("GET", "a.wild.test", 9000, "/", Map.of())).contains("wild-port");
        assertThat(match("GET", "a.wild.test", 8000, "/", Map.of())).isEmpty();
    }

    @Test
    void matchesMethodsExactly() {
        route("post", Map.of("paths", List.of("/m"), "methods", List.of("POST", "PUT")));

        assertThat(match("POST", "x", 8000, "/m", Map.of())).contains("post");
        assertThat(match("PUT", "x", 8000, "/m", Map.of())).contains("post");
        assertThat(match("GET", "x", 8000, "/m", Map.of())).isEmpty();
    }

    @Test
    void headersAreAndAcrossNamesOrAcrossValuesAndCaseInsensitive() {
        route(
                "versioned",
                Map.of(
                        "paths",
                        List.of("/h"),
                        "headers",
                        Map.of("X-Version", List.of("V1", "v2"), "x-team", List.of("core"))));

        assertThat(match("GET", "x", 8000, "/h", Map.of("x-version", List.of("v1"), "x-team", List.of("CORE"))))
                .contains("versioned");
        assertThat(match("GET", "x", 8000, "/h", Map.of("x-version", List.of("x", "V2"), "x-team", List.of("core"))))
                .contains("versioned");
        assertThat(match("GET", "x", 8000, "/h", Map.of("x-version", List.of("v1"))))
                .isEmpty();
        assertThat(match("GET", "x", 8000, "/h", Map.of("x-version", List.of("v3"), "x-team", List.of("core"))))
                .isEmpty();
        assertThat(match("GET", "x", 8000, "/h", Map.of())).isEmpty();
    }

    @Test
    void headerValuesStartingWithTildeStarAreCaseInsensitiveRegexes() {
        route("regex-header", Map.of("paths", List.of("/r"), "headers", Map.of("x-env", List.of("~*^prod-\\d+$"))));

        assertThat(match("GET", "x", 8000, "/r", Map.of("x-env", List.of("PROD-12"))))
                .contains("regex-header");
        assertThat(match("GET", "x", 8000, "/r", Map.of("x-env", List.of("dev-1"))))
                .isEmpty();
        assertThat(match("GET", "x", 8000, "/r", Map.of("x-env", List.of("prod-1x"))))
                .isEmpty();
    }

    @Test
    void protocolsAreNoMatchingCriterionAsInKongsTraditionalCompatibleRouter() {
        route("http-only", Map.of("paths", List.of("/h"), "protocols", List.of("http")));
        route("https-only", Map.of("paths", List.of("/s"), "protocols", List.of("https")));
        route("both", Map.of("paths", List.of("/b")));

        assertThat(match("x", "/h")).contains("http-only");
        assertThat(matchTls("x", "x", "/h"))
                .as("http-only over TLS (Kong's websockets spec)")
                .contains("http-only");
        assertThat(match("x", "/s")).as("https-only over http, then 426").contains("https-only");
        assertThat(matchTls("x", "x", "/s")).contains("https-only");
        assertThat(match("x", "/b")).contains("both");
        assertThat(matchTls(null, "x", "/b")).contains("both");
    }

    @Test
    void snisAreOnlyEvaluatedOnTlsConnections() {
        route("sni", Map.of("paths", List.of("/t"), "protocols", List.of("https"), "snis", List.of("*.secure.test")));

        assertThat(matchTls("a.secure.test", "x", "/t")).contains("sni");
        assertThat(matchTls("a.secure.test.", "x", "/t")).contains("sni");
        assertThat(matchTls("other.test", "x", "/t")).isEmpty();
        assertThat(matchTls(null, "x", "/t")).as("TLS without SNI").isEmpty();
        assertThat(match("x", "/t")).as("plain http ignores snis (then 426)").contains("sni");
    }

    @Test
    void aRouteMatchesOnlyWhenAllItsCriteriaMatch() {
        route(
                "all",
                Map.of(
                        "hosts",
                        List.of("a.test"),
                        "paths",
                        List.of("/p"),
                        "methods",
                        List.of("GET"),
                        "headers",
                        Map.of("x", List.of("1"))));

        assertThat(match("GET", "a.test", 8000, "/p", Map.of("x", List.of("1"))))
                .contains("all");
        assertThat(match("POST", "a.test", 8000, "/p", Map.of("x", List.of("1"))))
                .isEmpty();
        assertThat(match("GET", "b.test", 8000, "/p", Map.of("x", List.of("1"))))
                .isEmpty();
        assertThat(match("GET", "a.test", 8000, "/q", Map.of("x", List.of("1"))))
                .isEmpty();
        assertThat(match("GET", "a.test", 8000, "/p", Map.of("x", List.of("2"))))
                .isEmpty();
    }

    @Test
    void reportsHowMuchOfThePathMatched() {
        route("r", Map.of("paths", List.of("/api", "~/v\\d+/"), "strip_path", true));
        Router router = router();

        RouteMatch prefix = router.match(new RouteRequest("GET", "", 80, "/api/x", n -> List.of()))
                .orElseThrow();
        assertThat(prefix.upstreamPath()).isEqualTo("/base/x");
        assertThat(prefix.strippedPrefix()).isEqualTo("/api");

        RouteMatch regex = router.match(new RouteRequest("GET", "", 80, "/v2/items", n -> List.of()))
                .orElseThrow();
        assertThat(regex.upstreamPath()).isEqualTo("/base/items");
    }

    @Test
    void leavesOutRoutesOfDisabledServicesNonHttpRoutesAndBadRegexesButKeepsRoutesWithoutService() {
        Entity disabled = Entities.service("http://off:80", Map.of("enabled", false));
        routes.add(Route.of(Entities.route(disabled, Map.of("paths", List.of("/off")))));
        routes.add(Route.of(Entities.of(Routes.SCHEMA, Map.of("name", "lonely", "paths", List.of("/lonely")))));
        routes.add(Route.of(Entities.route(
                serviceEntity, Map.of("protocols", List.of("grpc"), "paths", List.of("/grpc"), "strip_path", false))));
        Service off = Service.of(disabled);
        Router router = Router.compile(routes, Map.of(service.id(), service, off.id(), off));

        assertThat(router.size()).isEqualTo(1);
        assertThat(router.match(new RouteRequest("GET", "", 80, "/off", n -> List.of())))
                .isEmpty();
        assertThat(router.match(new RouteRequest("GET", "", 80, "/grpc", n -> List.of())))
                .isEmpty();
        RouteMatch lonely = router.match(new RouteRequest("GET", "", 80, "/lonely", n -> List.of()))
                .orElseThrow();
        assertThat(lonely.service()).isNull();
    }

    @Test
    void regexLiteralPrefixesAreConservative() {
        assertThat(RouteCandidate.literalPrefix("/users/\\d+")).isEqualTo("/users/");
        assertThat(RouteCandidate.literalPrefix("/ab?c")).isEqualTo("/a");
        assertThat(RouteCandidate.literalPrefix("/ab*")).isEqualTo("/a");
        assertThat(RouteCandidate.literalPrefix("/ab{0,2}")).isEqualTo("/a");
        assertThat(RouteCandidate.literalPrefix("/a|/b")).isEmpty();
        assertThat(RouteCandidate.literalPrefix("(?i)/abc")).isEmpty();
        assertThat(RouteCandidate.literalPrefix("/a.c")).isEqualTo("/a");

        route("optional", Map.of("paths", List.of("~/ab?c")));
        route("alternation", Map.of("paths", List.of("~/x|/yz")));
        assertThat(match("h", "/ac")).contains("optional");
        assertThat(match("h", "/abc")).contains("optional");
        assertThat(match("h", "/yz")).contains("alternation");
    }
}
