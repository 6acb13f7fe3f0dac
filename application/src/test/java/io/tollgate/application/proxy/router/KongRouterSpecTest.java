package io.tollgate.application.proxy.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.proxy.Entities;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.route.Routes;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Port of Kong's {@code spec/01-unit/08-router_spec.lua}, {@code select()} block, as the
 * {@code traditional_compatible} flavour runs it: which route a request (method, path, host[:port], headers) selects.
 * A Kong {@code host:port} request host is our host plus destination port (port 80 when Kong's has none). Kong's
 * {@code select()} takes the path as given (not normalized), so these requests do too. Routes get Kong's ids in
 * Kong's order: where two routes of equal priority both match, Kong's ATC router (and Tollgate's) takes the larger
 * route id. 70 cases ported here, none differing; the rest of the file is {@link KongRouterExecSpecTest}. Left out:
 * the {@code traditional}-only cases and the {@code [IPv6 literal host]} block ({@code traditional} only).
 */
class KongRouterSpecTest extends RouterFixture {

    /**
     * Kong's spec gives its routes ids {@code e8fb37f1-…-6608a6bb8101}, {@code …8102}, … in order; so do we, so that
     * routes of equal priority are ordered the same way on every run.
     */
    private String nextId() {
        return String.format("e8fb37f1-102d-461e-9c51-6608a6bb81%02d", routes.size() + 1);
    }

    @Override
    Route route(String name, Map<String, ?> fields) {
        Map<String, Object> input = new HashMap<>(fields);
        input.putIfAbsent("id", nextId());
        return super.route(name, input);
    }

    /**
     * A route built without schema validation, as Kong's unit spec hands routes to its router: its router accepts
     * hosts such as {@code route.*:80} and non-normalized paths that the Admin API would reject.
     */
    Route unvalidated(String name, List<String> hosts, List<String> paths) {
        return plainRoute(UUID.fromString(nextId()), name, hosts, paths);
    }

    /** A route without a service (Kong's serviceless route). */
    Route serviceless(String name, Map<String, ?> fields) {
        Map<String, Object> input = new HashMap<>(fields);
        input.put("name", name);
        input.putIfAbsent("created_at", 1000L);
        input.putIfAbsent("id", nextId());
        Route route = Route.of(Entities.of(Routes.SCHEMA, input));
        routes.add(route);
        return route;
    }

    /** Kong's {@code router:select(method, uri, host, "http", …, headers)}; {@code host} may carry a port. */
    Optional<RouteMatch> select(String method, String path, @Nullable String host, Map<String, ?> headers) {
        String name = host == null ? "" : host;
        int port = 80;
        int colon = name.lastIndexOf(':');
        if (colon >= 0) {
            port = Integer.parseInt(name.substring(colon + 1));
            name = name.substring(0, colon);
        }
        Map<String, List<String>> byName = new HashMap<>();
        headers.forEach((k, v) -> byName.put(
                k.toLowerCase(Locale.ROOT),
                v instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(v))));
        return router().match(new RouteRequest(
                method,
                name.toLowerCase(Locale.ROOT),
                port,
                path,
                n -> byName.getOrDefault(n.toLowerCase(Locale.ROOT), List.of()),
                "http",
                null));
    }

    Optional<String> sel(String method, String path, @Nullable String host) {
        return sel(method, path, host, Map.of());
    }

    Optional<String> sel(String method, String path, @Nullable String host, Map<String, ?> headers) {
        return select(method, path, host, headers).map(m -> m.route().name());
    }

    /** Kong's select() fixture: fifteen routes, one per kind of criteria (named {@code r1} … {@code r15}). */
    abstract class UseCase {
        @BeforeEach
        void useCase() {
            route("r1", Map.of("hosts", List.of("domain-1.org", "domain-2.org")));
            route("r2", Map.of("methods", List.of("TRACE")));
            route("r3", Map.of("paths", List.of("/my-route")));
            route("r4", Map.of("paths", List.of("/route-4"), "hosts", List.of("domain-1.org", "domain-2.org")));
            route(
                    "r5",
                    Map.of(
                            "hosts",
                            List.of("domain-1.org", "domain-2.org"),
                            "methods",
                            List.of("POST", "PUT", "PATCH")));
            route("r6", Map.of("methods", List.of("POST", "PUT", "PATCH"), "paths", List.of("/route-6")));
            route(
                    "r7",
                    Map.of(
                            "hosts",
                            List.of("domain-with-uri-1.org", "domain-with-uri-2.org"),
                            "methods",
                            List.of("POST", "PUT", "PATCH"),
                            "paths",
                            List.of("/my-route-uri")));
            serviceless("r8", Map.of("paths", List.of("/serviceless")));
            route("r9", Map.of("headers", Map.of("location", List.of("my-location-1", "my-location-2"))));
            route(
                    "r10",
                    Map.of("headers", Map.of("location", List.of("my-location-1"), "version", List.of("v1", "v2"))));
            route(
                    "r11",
                    Map.of(
                            "headers",
                            Map.of("location", List.of("my-location-1", "my-location-2")),
                            "paths",
                            List.of("/headers-uri")));
            route(
                    "r12",
                    Map.of(
                            "hosts",
                            List.of("domain-with-headers-1.org", "domain-with-headers-2.org"),
                            "headers",
                            Map.of("location", List.of("my-location-1", "my-location-2")),
                            "methods",
                            List.of("POST", "PUT", "PATCH"),
                            "paths",
                            List.of("/headers-host-uri-method")));
            route("r13", Map.of("hosts", List.of("domain-1.org:321", "domain-2.org")));
            route("r14", Map.of("hosts", List.of("domain-3.org:321")));
            route(
                    "r15",
                    Map.of(
                            "headers",
                            Map.of("user_agent", List.of("~*windows|linux|os\\s+x\\s*[\\d\\._]+|solaris|bsd"))));
        }
    }

    /** {@code select()}: the cases against the fifteen-route fixture. */
    @Nested
    class Select extends UseCase {

        /** 08-router_spec.lua: select() "[host]" */
        @Test
        void host() {
            RouteMatch match = select("GET", "/", "domain-1.org", Map.of()).orElseThrow();
            assertThat(match.route().name()).isEqualTo("r1");
            assertThat(match.uriCaptures().isEmpty()).isTrue();
        }

        /** 08-router_spec.lua: select() "[host] ignores default port" */
        @Test
        void host_ignores_default_port() {
            assertThat(sel("GET", "/", "domain-1.org:80")).contains("r1");
        }

        /** 08-router_spec.lua: select() "[host] matches specific port" */
        @Test
        void host_matches_specific_port() {
            assertThat(sel("GET", "/", "domain-1.org:321")).contains("r13");
        }

        /** 08-router_spec.lua: select() "[host] matches specific port on port-only route" */
        @Test
        void host_matches_specific_port_on_port_only_route() {
            assertThat(sel("GET", "/", "domain-3.org:321")).contains("r14");
        }

        /** 08-router_spec.lua: select() "[host] fails just because of port on port-only route" */
        @Test
        void host_fails_just_because_of_port_on_port_only_route() {
            assertThat(sel("GET", "/", "domain-3.org:123")).isEmpty();
        }

        /** 08-router_spec.lua: select() "[uri]" */
        @Test
        void uri() {
            assertThat(sel("GET", "/my-route", "domain.org")).contains("r3");
        }

        /** 08-router_spec.lua: select() "[uri + empty host]" */
        @Test
        void uri_and_empty_host() {
            assertThat(sel("GET", "/my-route-uri", "")).contains("r3");
        }

        /** 08-router_spec.lua: select() "[method]" */
        @Test
        void method() {
            assertThat(sel("TRACE", "/", "domain.org")).contains("r2");
        }

        /** 08-router_spec.lua: select() "[host + uri]" */
        @Test
        void host_and_uri() {
            assertThat(sel("GET", "/route-4", "domain-1.org")).contains("r4");
        }

        /** 08-router_spec.lua: select() "[host + method]" */
        @Test
        void host_and_method() {
            assertThat(sel("POST", "/", "domain-1.org")).contains("r5");
        }

        /** 08-router_spec.lua: select() "[uri + method]" */
        @Test
        void uri_and_method() {
            assertThat(sel("PUT", "/route-6", "domain.org")).contains("r6");
        }

        /** 08-router_spec.lua: select() "[host + uri + method]" */
        @Test
        void host_and_uri_and_method() {
            assertThat(sel("PUT", "/my-route-uri", "domain-with-uri-2.org")).contains("r7");
        }

        /** 08-router_spec.lua: select() "single [headers] value" */
        @Test
        void single_headers_value() {
            assertThat(sel("GET", "/", null, Map.of("location", "my-location-1")))
                    .contains("r9");
            assertThat(sel("GET", "/", null, Map.of("location", "my-location-2")))
                    .contains("r9");
            assertThat(sel("GET", "/", null, Map.of("location", List.of("my-location-3", "my-location-2"))))
                    .contains("r9");
            assertThat(sel("GET", "/", null, Map.of("location", "my-location-3")))
                    .isEmpty();
            assertThat(sel("GET", "/", null, Map.of("location", List.of("my-location-3", "foo"))))
                    .isEmpty();
            assertThat(sel(
                            "GET",
                            "/",
                            null,
                            Map.of(
                                    "user_agent",
                                    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                                            + " Chrome/83.0.4103.116 Safari/537.36")))
                    .contains("r15");
        }

        /** 08-router_spec.lua: select() "multiple [headers] values" */
        @Test
        void multiple_headers_values() {
            assertThat(sel("GET", "/", null, Map.of("location", "my-location-1", "version", "v1")))
                    .contains("r10");
            assertThat(sel("GET", "/", null, Map.of("location", "my-location-1", "version", "v2")))
                    .contains("r10");
            assertThat(sel(
                            "GET",
                            "/",
                            null,
                            Map.of("location", List.of("my-location-3", "my-location-1"), "version", "v2")))
                    .contains("r10");
            assertThat(sel(
                            "GET",
                            "/",
                            null,
                            Map.of("location", List.of("my-location-3", "my-location-2"), "version", "v2")))
                    .as("falls back to the single-header route")
                    .contains("r9");
        }

        /** 08-router_spec.lua: select() "[headers + uri]" */
        @Test
        void headers_and_uri() {
            assertThat(sel("GET", "/headers-uri", null, Map.of("location", "my-location-2")))
                    .contains("r11");
        }

        /** 08-router_spec.lua: select() "[host + headers + uri + method]" */
        @Test
        void host_and_headers_and_uri_and_method() {
            assertThat(sel(
                            "PUT",
                            "/headers-host-uri-method",
                            "domain-with-headers-1.org",
                            Map.of("location", "my-location-2")))
                    .contains("r12");
        }

        /** 08-router_spec.lua: select() "[serviceless]" */
        @Test
        void serviceless() {
            RouteMatch match = select("GET", "/serviceless", null, Map.of()).orElseThrow();
            assertThat(match.route().name()).isEqualTo("r8");
            assertThat(match.service()).isNull();
            assertThat(match.uriCaptures().isEmpty()).isTrue();
        }

        /** 08-router_spec.lua: select() [uri prefix] "matches when given [uri] is in request URI prefix" */
        @Test
        void matches_when_given_uri_is_in_request_uri_prefix() {
            assertThat(sel("GET", "/my-route/some/path", "domain.org")).contains("r3");
        }

        /** 08-router_spec.lua: select() misses "invalid [host]" */
        @Test
        void invalid_host() {
            assertThat(sel("GET", "/", "domain-3.org")).isEmpty();
        }

        /** 08-router_spec.lua: select() misses "invalid host in [host + uri]" */
        @Test
        void invalid_host_in_host_and_uri() {
            assertThat(sel("GET", "/route-4", "domain-3.org")).isEmpty();
        }

        /** 08-router_spec.lua: select() misses "invalid host in [host + method]" */
        @Test
        void invalid_host_in_host_and_method() {
            assertThat(sel("GET", "/", "domain-3.org")).isEmpty();
        }

        /** 08-router_spec.lua: select() misses "invalid method in [host + uri + method]" */
        @Test
        void invalid_method_in_host_and_uri_and_method() {
            assertThat(sel("GET", "/some-uri", "domain-with-uri-2.org")).isEmpty();
        }

        /** 08-router_spec.lua: select() misses "invalid uri in [host + uri + method]" */
        @Test
        void invalid_uri_in_host_and_uri_and_method() {
            assertThat(sel("PUT", "/some-uri-foo", "domain-with-uri-2.org")).isEmpty();
        }

        /** 08-router_spec.lua: select() misses "does not match when given [uri] is in URI but not in prefix" */
        @Test
        void does_not_match_when_given_uri_is_in_uri_but_not_in_prefix() {
            assertThat(sel("GET", "/some-other-prefix/my-route", "domain.org")).isEmpty();
        }

        /** 08-router_spec.lua: select() misses "invalid [headers]" */
        @Test
        void invalid_headers() {
            assertThat(sel("GET", "/", null, Map.of("location", "invalid-location")))
                    .isEmpty();
        }

        /** 08-router_spec.lua: select() misses "invalid headers in [headers + uri]" */
        @Test
        void invalid_headers_in_headers_and_uri() {
            assertThat(sel("GET", "/headers-uri", null, Map.of("location", "invalid-location")))
                    .isEmpty();
        }

        /** 08-router_spec.lua: select() misses "invalid headers in [headers + uri + method]" */
        @Test
        void invalid_headers_in_headers_and_uri_and_method() {
            assertThat(sel("PUT", "/headers-uri-method", null, Map.of("location", "invalid-location")))
                    .isEmpty();
        }

        /** 08-router_spec.lua: select() misses "invalid headers in [headers + host + uri + method]" */
        @Test
        void invalid_headers_in_headers_and_host_and_uri_and_method() {
            assertThat(sel(
                            "PUT",
                            "/headers-host-uri-method",
                            null,
                            Map.of("location", "invalid-location", "host", "domain-with-headers-1.org")))
                    .isEmpty();
        }
    }

    /** {@code select()} edge-cases "root / [uri]": the fixture plus a {@code /} route. */
    @Nested
    class RootUri extends UseCase {

        @BeforeEach
        void root() {
            route("root", Map.of("paths", List.of("/")));
        }

        /** 08-router_spec.lua: select() edge-cases root / [uri] "request with [method]" */
        @Test
        void request_with_method() {
            assertThat(sel("GET", "/", "domain.org")).contains("root");
        }

        /** 08-router_spec.lua: select() edge-cases root / [uri] "does not supersede another route" */
        @Test
        void does_not_supersede_another_route() {
            assertThat(sel("GET", "/my-route", "domain.org")).contains("r3");
            assertThat(sel("GET", "/my-route/hello/world", "domain.org")).contains("r3");
        }

        /** 08-router_spec.lua: select() edge-cases root / [uri] "acts as a catch-all route" */
        @Test
        void acts_as_a_catch_all_route() {
            assertThat(sel("GET", "/foobar/baz", "domain.org")).contains("root");
        }

        /** 08-router_spec.lua: select() edge-cases "multiple routes of same category with conflicting values" */
        @Test
        void matches_correct_route() {
            for (int i = 1; i <= 5; i++) {
                route("same-" + i, Map.of("hosts", List.of("domain.org"), "paths", List.of("/my-uri")));
            }
            route("target", Map.of("hosts", List.of("domain.org"), "paths", List.of("/my-target-uri")));

            assertThat(sel("GET", "/my-target-uri", "domain.org")).contains("target");
        }
    }

    private void route(String name, String field, Object value) {
        route(name, Map.of(field, value));
    }

    private void hostsAndPaths(String name, List<String> hosts, List<String> paths) {
        route(name, Map.of("hosts", hosts, "paths", paths));
    }

    /** 08-router_spec.lua: select() [uri prefix] "does not supersede another route with a longer [uri]" */
    @Test
    void does_not_supersede_another_route_with_a_longer_uri() {
        route("hello", "paths", List.of("/my-route/hello"));
        route("short", "paths", List.of("/my-route"));

        assertThat(sel("GET", "/my-route/hello", "domain.org")).contains("hello");
        assertThat(sel("GET", "/my-route/hello/world", "domain.org")).contains("hello");
        assertThat(sel("GET", "/my-route", "domain.org")).contains("short");
        assertThat(sel("GET", "/my-route/world", "domain.org")).contains("short");
    }

    /**
     * 08-router_spec.lua: select() [uri prefix] "does not supersede another route with a longer [uri] while [methods]
     * are also defined"
     */
    @Test
    void does_not_supersede_another_route_with_a_longer_uri_while_methods_are_also_defined() {
        route("short", Map.of("methods", List.of("POST", "PUT", "GET"), "paths", List.of("/my-route")));
        route("hello", Map.of("methods", List.of("POST", "PUT", "GET"), "paths", List.of("/my-route/hello")));

        assertThat(sel("GET", "/my-route/hello", "domain.org")).contains("hello");
        assertThat(sel("GET", "/my-route/hello/world", "domain.org")).contains("hello");
        assertThat(sel("GET", "/my-route", "domain.org")).contains("short");
        assertThat(sel("GET", "/my-route/world", "domain.org")).contains("short");
    }

    /**
     * 08-router_spec.lua: select() [uri prefix] "does not superseds another route with a longer [uri] while [hosts]
     * are also defined"
     */
    @Test
    void does_not_supersede_another_route_with_a_longer_uri_while_hosts_are_also_defined() {
        hostsAndPaths("short", List.of("domain.org"), List.of("/my-route"));
        hostsAndPaths("hello", List.of("domain.org"), List.of("/my-route/hello"));

        assertThat(sel("GET", "/my-route/hello", "domain.org")).contains("hello");
        assertThat(sel("GET", "/my-route/hello/world", "domain.org")).contains("hello");
        assertThat(sel("GET", "/my-route", "domain.org")).contains("short");
        assertThat(sel("GET", "/my-route/world", "domain.org")).contains("short");
    }

    /**
     * 08-router_spec.lua: select() [uri prefix] "does not supersede another route with a longer [uri] when a better
     * [uri] match exists for another [host]"
     */
    @Test
    void does_not_supersede_another_route_with_a_longer_uri_when_a_better_uri_match_exists_for_another_host() {
        hostsAndPaths("short", List.of("example.com"), List.of("/my-route"));
        hostsAndPaths("hello", List.of("example.com"), List.of("/my-route/hello"));
        hostsAndPaths("world", List.of("example.net"), List.of("/my-route/hello/world"));

        assertThat(sel("GET", "/my-route/hello/world", "example.com")).contains("hello");
        assertThat(sel("GET", "/my-route/hello/world/and/goodnight", "example.com"))
                .contains("hello");
    }

    /** 08-router_spec.lua: select() [uri prefix] "only matches [uri prefix] as a prefix (anchored mode)" */
    @Test
    void only_matches_uri_prefix_as_a_prefix_anchored_mode() {
        route("something", "paths", List.of("/something/my-route"));
        hostsAndPaths("host", List.of("example.com"), List.of("/my-route"));

        assertThat(sel("GET", "/something/my-route", "example.com")).contains("something");
    }

    /** 08-router_spec.lua: select() [uri regex] "matches with [uri regex]" */
    @Test
    void matches_with_uri_regex() {
        route("regex", "paths", List.of("~/users/\\d+/profile"));

        RouteMatch match =
                select("GET", "/users/123/profile", "domain.org", Map.of()).orElseThrow();
        assertThat(match.route().name()).isEqualTo("regex");
        assertThat(match.uriCaptures().numbered()).as("no groups, no captures").isEmpty();
    }

    /** 08-router_spec.lua: select() [uri regex] "matches the right route when several ones have a [uri regex]" */
    @Test
    void matches_the_right_route_when_several_ones_have_a_uri_regex() {
        route("persons", "paths", List.of("~/route/persons/\\d{3}"));
        route("following", "paths", List.of("~/route/persons/\\d{3}/following"));
        route("letters", "paths", List.of("~/route/persons/\\d{3}/[a-z]+"));

        assertThat(sel("GET", "/route/persons/456", "domain.org")).contains("persons");
    }

    /** 08-router_spec.lua: select() [uri regex] "matches a [uri regex] even if a [prefix uri] got a match" */
    @Test
    void matches_a_uri_regex_even_if_a_prefix_uri_got_a_match() {
        route("prefix", "paths", List.of("/route/persons"));
        route("regex", "paths", List.of("~/route/persons/\\d+/profile"));

        RouteMatch match = select("GET", "/route/persons/123/profile", "domain.org", Map.of())
                .orElseThrow();
        assertThat(match.route().name()).isEqualTo("regex");
        assertThat(match.uriCaptures().numbered()).isEmpty();
    }

    /** 08-router_spec.lua: select() [uri regex] "matches a [uri regex] even if a [uri] got an exact match" */
    @Test
    void matches_a_uri_regex_even_if_a_uri_got_an_exact_match() {
        route("prefix", "paths", List.of("/route/fixture"));
        route("regex", "paths", List.of("~/route/(fixture)"));

        assertThat(sel("GET", "/route/fixture", "domain.org")).contains("regex");
    }

    /** 08-router_spec.lua: select() [uri regex] "matches a [uri regex + host] even if a [prefix uri] got a match" */
    @Test
    void matches_a_uri_regex_and_host_even_if_a_prefix_uri_got_a_match() {
        hostsAndPaths("pat", List.of("route.com"), List.of("/pat"));
        route("post", Map.of("hosts", List.of("route.com"), "paths", List.of("/path"), "methods", List.of("POST")));
        hostsAndPaths("regex", List.of("route.com"), List.of("~/(path)"));

        assertThat(sel("GET", "/path", "route.com")).contains("regex");
    }

    /** 08-router_spec.lua: select() [uri regex] "matches from the beginning of the request URI [uri regex]" */
    @Test
    void matches_from_the_beginning_of_the_request_uri_uri_regex() {
        route("regex", "paths", List.of("~/prefix/[0-9]+"));

        assertThat(sel("GET", "/prefix/123", "domain.org")).contains("regex");
        assertThat(sel("GET", "/extra/prefix/123", "domain.org")).isEmpty();
    }

    /** Kong's [wildcard host] fixture: {@code *.route.com} and {@code route.*}. */
    private void wildcards() {
        route("left", "hosts", List.of("*.route.com"));
        route("right", "hosts", List.of("route.*"));
    }

    /** 08-router_spec.lua: select() [wildcard host] "matches leftmost wildcards" */
    @Test
    void matches_leftmost_wildcards() {
        wildcards();
        assertThat(sel("GET", "/", "foo.route.com")).contains("left");
    }

    /** 08-router_spec.lua: select() [wildcard host] "matches rightmost wildcards" */
    @Test
    void matches_rightmost_wildcards() {
        wildcards();
        assertThat(sel("GET", "/", "route.org")).contains("right");
    }

    /** 08-router_spec.lua: select() [wildcard host] "matches any port in request" */
    @Test
    void matches_any_port_in_request() {
        wildcards();
        assertThat(sel("GET", "/", "route.org:123")).contains("right");
        assertThat(sel("GET", "/", "foo.route.com:123")).contains("left");
    }

    /** 08-router_spec.lua: select() [wildcard host] "matches port-specific routes" */
    @Test
    void matches_port_specific_routes() {
        wildcards();
        unvalidated("net", List.of("*.route.net:123"), List.of());
        unvalidated("right-123", List.of("route.*:123"), List.of());

        assertThat(sel("GET", "/", "foo.route.net:123")).contains("net");
        assertThat(sel("GET", "/", "foo.route.net:456")).isEmpty();
        assertThat(sel("GET", "/", "route.org:123"))
                .as("equal priority: the larger id")
                .contains("right-123");
    }

    /** 08-router_spec.lua: select() [wildcard host] "prefers port-specific even for http default port" */
    @Test
    void prefers_port_specific_even_for_http_default_port() {
        wildcards();
        unvalidated("right-80", List.of("route.*:80"), List.of());

        assertThat(sel("GET", "/", "route.org:123")).contains("right");
        assertThat(sel("GET", "/", "route.org:80")).contains("right-80");
    }

    /** 08-router_spec.lua: select() [wildcard host] "prefers port-specific even for https default port" */
    @Test
    void prefers_port_specific_even_for_https_default_port() {
        wildcards();
        unvalidated("right-443", List.of("route.*:443"), List.of());

        assertThat(sel("GET", "/", "route.org:123")).contains("right");
        assertThat(sel("GET", "/", "route.org:443")).contains("right-443");
    }

    /** 08-router_spec.lua: select() [wildcard host] "does not take precedence over a plain host" */
    @Test
    void does_not_take_precedence_over_a_plain_host() {
        route("plain", "hosts", List.of("plain.route.com"));
        wildcards();
        route("route.com", "hosts", List.of("route.com"));

        assertThat(sel("GET", "/", "route.com")).contains("route.com");
        assertThat(sel("GET", "/", "route.org")).contains("right");
        assertThat(sel("GET", "/", "plain.route.com")).contains("plain");
        assertThat(sel("GET", "/", "foo.route.com")).contains("left");
    }

    /**
     * 08-router_spec.lua: select() [wildcard host] "matches [wildcard host + path] even if a similar [plain host]
     * exists"
     */
    @Test
    void matches_wildcard_host_and_path_even_if_a_similar_plain_host_exists() {
        hostsAndPaths("wild", List.of("*.route.com"), List.of("/path1"));
        hostsAndPaths("plain", List.of("plain.route.com"), List.of("/path2"));

        assertThat(sel("GET", "/path1", "plain.route.com")).contains("wild");
    }

    /**
     * 08-router_spec.lua: select() [wildcard host] "matches [plain host + path] even if a matching [wildcard host]
     * exists"
     */
    @Test
    void matches_plain_host_and_path_even_if_a_matching_wildcard_host_exists() {
        hostsAndPaths("wild", List.of("*.route.com"), List.of("/path1"));
        hostsAndPaths("plain", List.of("plain.route.com"), List.of("/path2"));

        assertThat(sel("GET", "/path2", "plain.route.com")).contains("plain");
    }

    /** 08-router_spec.lua: select() [wildcard host] "submatch_weight [wildcard host port] > [wildcard host]" */
    @Test
    void submatch_weight_wildcard_host_port_over_wildcard_host() {
        route("any", "hosts", List.of("route.*"));
        unvalidated("port", List.of("route.*:80", "route.com.*"), List.of());

        assertThat(sel("GET", "/", "route.org:80")).contains("port");
    }

    /**
     * 08-router_spec.lua: select() [wildcard host] "matches a [wildcard host + port] even if a [wildcard host]
     * matched"
     */
    @Test
    void matches_a_wildcard_host_and_port_even_if_a_wildcard_host_matched() {
        route("any", "hosts", List.of("route.*"));
        unvalidated("port-123", List.of("route.*:123"), List.of());
        unvalidated("port-80", List.of("route.*:80"), List.of());

        assertThat(sel("GET", "/", "route.org:123")).contains("port-123");
    }

    /** 08-router_spec.lua: select() [wildcard host] "matches [wildcard/plain + uri + method]" */
    @Test
    void matches_wildcard_plain_and_uri_and_method() {
        wildcards();
        route(
                "mixed",
                Map.of(
                        "hosts",
                        List.of("*.domain.com", "example.com"),
                        "paths",
                        List.of("/path"),
                        "methods",
                        List.of("GET", "TRACE")));

        assertThat(sel("POST", "/path", "foo.domain.com")).isEmpty();
        assertThat(sel("GET", "/path", "foo.domain.com")).contains("mixed");
        assertThat(sel("TRACE", "/path", "example.com")).contains("mixed");
        assertThat(sel("POST", "/path", "foo.domain.com")).isEmpty();
    }

    /** 08-router_spec.lua: select() [wildcard host] + [uri regex] "matches" */
    @Test
    void wildcard_host_and_uri_regex_matches() {
        hostsAndPaths("regex", List.of("*.example.com"), List.of("~/users/\\d+/profile"));
        hostsAndPaths("prefix", List.of("*.example.com"), List.of("/users"));

        assertThat(sel("GET", "/users/123/profile", "test.example.com")).contains("regex");
        assertThat(sel("GET", "/users", "test.example.com")).contains("prefix");
    }

    /** 08-router_spec.lua: select() [headers] "evaluates Routes with more [headers] first" */
    @Test
    void evaluates_routes_with_more_headers_first() {
        route("two", "headers", Map.of("version", List.of("v1", "v2"), "user_agent", List.of("foo", "bar")));
        route(
                "three",
                "headers",
                Map.of(
                        "version",
                        List.of("v1", "v2"),
                        "user_agent",
                        List.of("foo", "bar"),
                        "location",
                        List.of("east", "west")));

        assertThat(sel(
                        "GET",
                        "/",
                        null,
                        Map.of("version", "v1", "user_agent", "foo", "location", List.of("north", "west"))))
                .contains("three");
    }

    /** 08-router_spec.lua: select() [headers] "names are case-insensitive" */
    @Test
    void names_are_case_insensitive() {
        route("upper", "headers", Map.of("USER_AGENT", List.of("foo", "bar")));
        route("lower", "headers", Map.of("user_agent", List.of("baz")));

        assertThat(sel("GET", "/", null, Map.of("user_agent", "foo"))).contains("upper");
        assertThat(sel("GET", "/", null, Map.of("USER_AGENT", "baz"))).contains("lower");
    }

    /** 08-router_spec.lua: select() [headers] "matches values in a case-insensitive way" */
    @Test
    void matches_values_in_a_case_insensitive_way() {
        route("foo", "headers", Map.of("user_agent", List.of("foo", "bar")));
        route("baz", "headers", Map.of("user_agent", List.of("BAZ")));

        assertThat(sel("GET", "/", null, Map.of("user_agent", "FOO"))).contains("foo");
        assertThat(sel("GET", "/", null, Map.of("user_agent", "baz"))).contains("baz");
    }

    /** Kong's "normalization stopgap measurements" fixture. */
    private void stopgap() {
        route("plain", "paths", List.of("/plain/a.b.c"));
        unvalidated("encoded", List.of(), List.of("/plain/a.b%58c"));
        unvalidated("regex", List.of(), List.of("~/reg%65x/\\d+"));
        unvalidated("meta", List.of(), List.of("~/regex-meta/%5Cd\\+%2E"));
        unvalidated("reserved", List.of(), List.of("~/regex-reserved%2Fabc"));
    }

    /** 08-router_spec.lua: select() normalization stopgap measurements "matches against plain text paths" */
    @Test
    void matches_against_plain_text_paths() {
        stopgap();
        assertThat(sel("GET", "/plain/a.b.c", "example.com")).contains("plain");
        assertThat(sel("GET", "/plain/a.bXc", "example.com"))
                .as("route paths are not normalized")
                .isEmpty();
        assertThat(sel("GET", "/plain/a.b%58c", "example.com")).contains("encoded");
        assertThat(sel("GET", "/plain/aab.c", "example.com")).isEmpty();
    }

    /** 08-router_spec.lua: select() normalization stopgap measurements "matches against regex paths" */
    @Test
    void matches_against_regex_paths() {
        stopgap();
        assertThat(sel("GET", "/regex/123", "example.com")).isEmpty();
        assertThat(sel("GET", "/reg%65x/123", "example.com")).contains("regex");
        assertThat(sel("GET", "/regex/\\d+", "example.com")).isEmpty();
    }

    /**
     * 08-router_spec.lua: select() normalization stopgap measurements "escapes meta character after percent decoding
     * from regex paths"
     */
    @Test
    void escapes_meta_character_after_percent_decoding_from_regex_paths() {
        stopgap();
        assertThat(sel("GET", "/regex-meta/123a", "example.com")).isEmpty();
        assertThat(sel("GET", "/regex-meta/\\d+.", "example.com")).isEmpty();
        assertThat(sel("GET", "/regex-meta/%5Cd+%2E", "example.com")).contains("meta");
    }

    /**
     * 08-router_spec.lua: select() normalization stopgap measurements "leave reserved characters alone in regex
     * paths"
     */
    @Test
    void leave_reserved_characters_alone_in_regex_paths() {
        stopgap();
        assertThat(sel("GET", "/regex-reserved/abc", "example.com")).isEmpty();
        assertThat(sel("GET", "/regex-reserved%2Fabc", "example.com")).contains("reserved");
    }

    /** 08-router_spec.lua: select() edge-cases "[host] and [uri] have higher priority than [method]" */
    @Test
    void host_and_uri_have_higher_priority_than_method() {
        route("r1", "hosts", List.of("domain-1.org", "domain-2.org"));
        route("r2", "methods", List.of("TRACE"));
        route("r3", "paths", List.of("/my-route"));
        hostsAndPaths("r4", List.of("domain-1.org", "domain-2.org"), List.of("/route-4"));
        route(
                "r5",
                Map.of("hosts", List.of("domain-1.org", "domain-2.org"), "methods", List.of("POST", "PUT", "PATCH")));
        route("r6", Map.of("methods", List.of("POST", "PUT", "PATCH"), "paths", List.of("/route-6")));
        route(
                "r7",
                Map.of(
                        "hosts",
                        List.of("domain-with-uri-1.org", "domain-with-uri-2.org"),
                        "methods",
                        List.of("POST", "PUT", "PATCH"),
                        "paths",
                        List.of("/my-route-uri")));

        assertThat(sel("TRACE", "/", "domain-2.org")).contains("r1");
        assertThat(sel("TRACE", "/my-route", "domain.org")).contains("r3");
    }

    /** 08-router_spec.lua: select() edge-cases "half [uri] and [host] match does not supersede another route" */
    @Test
    void half_uri_and_host_match_does_not_supersede_another_route() {
        hostsAndPaths("host1", List.of("host1.com"), List.of("/v1/path"));
        hostsAndPaths("host2", List.of("host2.com"), List.of("/"));

        assertThat(sel("GET", "/v1/path", "host1.com")).contains("host1");
        assertThat(sel("GET", "/v1/path", "host2.com")).contains("host2");
    }

    /**
     * 08-router_spec.lua: select() edge-cases "half [wildcard host] and [method] match does not supersede another
     * route"
     */
    @Test
    void half_wildcard_host_and_method_match_does_not_supersede_another_route() {
        route("get", Map.of("hosts", List.of("host.*"), "methods", List.of("GET")));
        route("post", Map.of("hosts", List.of("host.*"), "methods", List.of("POST")));

        assertThat(sel("GET", "/", "host.com")).contains("get");
        assertThat(sel("POST", "/", "host.com")).contains("post");
    }

    /**
     * 08-router_spec.lua: select() edge-cases "half [uri regex] and [method] match does not supersede another route"
     */
    @Test
    void half_uri_regex_and_method_match_does_not_supersede_another_route() {
        route("get", Map.of("methods", List.of("GET"), "paths", List.of("~/users/\\d+/profile")));
        route("post", Map.of("methods", List.of("POST"), "paths", List.of("~/users/\\d*/profile")));

        assertThat(sel("GET", "/users/123/profile", "domain.org")).contains("get");
        assertThat(sel("POST", "/users/123/profile", "domain.org")).contains("post");
    }

    /** 08-router_spec.lua: select() edge-cases "[method] does not supersede [uri prefix]" */
    @Test
    void method_does_not_supersede_uri_prefix() {
        route("method", "methods", List.of("GET"));
        route("path", "paths", List.of("/example"));

        assertThat(sel("GET", "/example", "domain.org")).contains("path");
        assertThat(sel("GET", "/example/status/200", "domain.org")).contains("path");
    }

    /** 08-router_spec.lua: select() edge-cases "[method] does not supersede [wildcard host]" */
    @Test
    void method_does_not_supersede_wildcard_host() {
        route("method", "methods", List.of("GET"));
        route("wild", "hosts", List.of("domain.*"));

        assertThat(sel("GET", "/", "nothing.com")).contains("method");
        assertThat(sel("GET", "/", "domain.com")).contains("wild");
    }

    /** 08-router_spec.lua: select() edge-cases "more [headers] has priority over longer [paths]" */
    @Test
    void more_headers_has_priority_over_longer_paths() {
        route("longer", Map.of("headers", Map.of("version", List.of("v1")), "paths", List.of("/my-route/hello")));
        route(
                "headers",
                Map.of(
                        "headers",
                        Map.of("version", List.of("v1"), "location", List.of("us-east")),
                        "paths",
                        List.of("/my-route")));

        Map<String, String> headers = Map.of("version", "v1", "location", "us-east");
        assertThat(sel("GET", "/my-route/hello", "domain.org", headers)).contains("headers");
        assertThat(sel("GET", "/my-route/hello/world", "http", headers)).contains("headers");
    }
}
