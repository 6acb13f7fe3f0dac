package io.tollgate.application.proxy.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.proxy.Entities;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.net.UriPaths;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.route.RouteId;
import io.tollgate.domain.route.Routes;
import io.tollgate.domain.service.Service;
import io.tollgate.domain.service.ServiceId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Port of Kong's {@code spec/01-unit/08-router_spec.lua} as the {@code traditional_compatible} flavour runs it, from
 * its {@code exec()} block on (the {@code select()} block is {@link KongRouterSpecTest}): the route a full request
 * selects, with the upstream path ({@link RouteMatch#upstreamPath()}, Kong's {@code upstream_uri}), the stripped
 * prefix, the uri captures and the service's host and port; then the incremental rebuild ({@link Router#patch}),
 * the {@code #benchmarks} (the selected route, not the time) and the file's later top-level blocks. Requests are
 * normalized as Kong's {@code exec()} does. Kong's unit routes leave {@code strip_path} unset (false); so do these
 * unless the case sets it. 36 cases ported here, plus the 64 {@code v0} regex rows of {@code #slash handling}.
 */
class KongRouterExecSpecTest {

    /** Kong's {@code service-invalid}: an {@code http} service without a path. */
    private final Entity plain = Entities.service("http://example.org", Map.of());

    private final List<Route> routes = new ArrayList<>();
    private final Map<ServiceId, Service> services = new HashMap<>();

    private String nextId() {
        return String.format("e8fb37f1-102d-461e-9c51-6608a6bb81%02d", routes.size() + 1);
    }

    /** A validated route to {@code service}, not added to the router (for patches). */
    private Route build(Entity service, String name, Map<String, ?> fields) {
        Map<String, Object> input = new HashMap<>(fields);
        input.put("name", name);
        input.putIfAbsent("created_at", 1000L);
        input.putIfAbsent("id", nextId());
        input.putIfAbsent("strip_path", false);
        Service s = Service.of(service);
        services.put(s.id(), s);
        return Route.of(Entities.route(service, input));
    }

    private Route route(Entity service, String name, Map<String, ?> fields) {
        Route route = build(service, name, fields);
        routes.add(route);
        return route;
    }

    private Route route(String name, Map<String, ?> fields) {
        return route(plain, name, fields);
    }

    private Route serviceless(String name, Map<String, ?> fields) {
        Map<String, Object> input = new HashMap<>(fields);
        input.put("name", name);
        input.putIfAbsent("created_at", 1000L);
        input.putIfAbsent("id", nextId());
        Route route = Route.of(Entities.of(Routes.SCHEMA, input));
        routes.add(route);
        return route;
    }

    private Router router() {
        return Router.compile(routes, services);
    }

    private Optional<RouteMatch> exec(Router router, String method, String path, String host, Map<String, ?> headers) {
        Map<String, List<String>> byName = new HashMap<>();
        headers.forEach((k, v) -> byName.put(k, List.of(String.valueOf(v))));
        return router.match(RouterFixture.request("http", null, method, host, 80, path, byName));
    }

    private RouteMatch exec(String method, String path, String host) {
        return exec(router(), method, path, host, Map.of()).orElseThrow();
    }

    private String name(RouteMatch match) {
        return match.route().name();
    }

    /** Kong's {@code prefix}: what {@code strip_path} removed, {@code null} without it. */
    private static @Nullable String prefix(RouteMatch match) {
        return match.route().stripPath() ? match.path().substring(0, match.matchedLength()) : null;
    }

    /** 08-router_spec.lua: exec() "returns parsed upstream_url + upstream_uri" */
    @Test
    void returns_parsed_upstream_url_and_upstream_uri() {
        route("http", Map.of("paths", List.of("/my-route")));
        route(Entities.service("https://example.org", Map.of()), "https", Map.of("paths", List.of("/my-route-2")));

        RouteMatch first = exec("GET", "/my-route", "domain.org");
        assertThat(name(first)).isEqualTo("http");
        assertThat(first.service().host()).isEqualTo("example.org");
        assertThat(first.service().port()).isEqualTo(80);
        assertThat(first.upstreamPath()).isEqualTo("/my-route");

        RouteMatch second = exec("GET", "/my-route-2", "domain.org");
        assertThat(name(second)).isEqualTo("https");
        assertThat(second.service().host()).isEqualTo("example.org");
        assertThat(second.service().port()).isEqualTo(443);
        assertThat(second.upstreamPath()).isEqualTo("/my-route-2");
    }

    /** 08-router_spec.lua: exec() "returns matched_host + matched_uri + matched_method + matched_headers" */
    @Test
    void returns_matched_host_and_matched_uri_and_matched_method_and_matched_headers() {
        route("get", Map.of("hosts", List.of("host.com"), "methods", List.of("GET"), "paths", List.of("/my-route")));
        route("any", Map.of("hosts", List.of("host.com"), "paths", List.of("/my-route")));
        route(
                "wild",
                Map.of(
                        "hosts",
                        List.of("*.host.com"),
                        "headers",
                        Map.of("location", List.of("my-location-1", "my-location-2"))));
        route("regex", Map.of("paths", List.of("~/users/\\d+/profile")));
        Router router = router();

        assertThat(exec(router, "GET", "/my-route", "host.com", Map.of()).map(this::name))
                .contains("get");
        assertThat(exec(router, "GET", "/my-route/prefix/match", "host.com", Map.of())
                        .map(this::name))
                .contains("get");
        assertThat(exec(router, "POST", "/my-route", "host.com", Map.of()).map(this::name))
                .contains("any");
        assertThat(exec(router, "GET", "/", "test.host.com", Map.of("location", "my-location-1"))
                        .map(this::name))
                .contains("wild");
        assertThat(exec(router, "GET", "/users/123/profile", "domain.org", Map.of())
                        .map(this::name))
                .contains("regex");
    }

    /** 08-router_spec.lua: exec() "returns uri_captures from a [uri regex]" */
    @Test
    void returns_uri_captures_from_a_uri_regex() {
        route("users", Map.of("paths", List.of("~/users/(?P<user_id>\\d+)/profile/?(?P<scope>[a-z]*)")));
        Router router = router();

        for (int i = 0; i < 2; i++) { // Kong: again, from its match cache
            UriCaptures captures = exec(router, "GET", "/users/1984/profile", "domain.org", Map.of())
                    .orElseThrow()
                    .uriCaptures();
            assertThat(captures.get(1)).isEqualTo("1984");
            assertThat(captures.get("user_id")).isEqualTo("1984");
            assertThat(captures.get(2)).isEmpty();
            assertThat(captures.get("scope")).isEmpty();
            assertThat(captures.get(0)).isEqualTo("/users/1984/profile");
            assertThat(captures.get("stripped_uri")).isNull();
            assertThat(captures.numbered()).hasSize(2);
        }

        UriCaptures email = exec(router, "GET", "/users/1984/profile/email", "domain.org", Map.of())
                .orElseThrow()
                .uriCaptures();
        assertThat(email.get(1)).isEqualTo("1984");
        assertThat(email.get("user_id")).isEqualTo("1984");
        assertThat(email.get(2)).isEqualTo("email");
        assertThat(email.get("scope")).isEqualTo("email");
        assertThat(email.get(0)).isEqualTo("/users/1984/profile/email");
        assertThat(email.get("stripped_uri")).isNull();
        assertThat(email.numbered()).hasSize(2);
    }

    /** 08-router_spec.lua: exec() "returns uri_captures normalized, fix #7913" */
    @Test
    void returns_uri_captures_normalized_fix_7913() {
        route("users", Map.of("paths", List.of("~/users/(?P<fullname>[a-zA-Z\\s\\d%]+)/profile/?(?P<scope>[a-z]*)")));

        UriCaptures captures =
                exec("GET", "/users/%6aohn%20doe/profile", "domain.org").uriCaptures();
        assertThat(captures.get(1)).isEqualTo("john doe");
        assertThat(captures.get("fullname")).isEqualTo("john doe");
        assertThat(captures.get(2)).isEmpty();
        assertThat(captures.get("scope")).isEmpty();
        assertThat(captures.get(0)).isEqualTo("/users/john doe/profile");
        assertThat(captures.get("stripped_uri")).isNull();
        assertThat(captures.numbered()).hasSize(2);
    }

    /** 08-router_spec.lua: exec() "returns no uri_captures from a [uri prefix] match" */
    @Test
    void returns_no_uri_captures_from_a_uri_prefix_match() {
        route("hello", Map.of("paths", List.of("/hello"), "strip_path", true));

        RouteMatch match = exec("GET", "/hello/world", "domain.org");
        assertThat(match.upstreamPath()).isEqualTo("/world");
        assertThat(match.uriCaptures().isEmpty()).isTrue();
    }

    /** 08-router_spec.lua: exec() "returns no uri_captures from a [uri regex] match without groups" */
    @Test
    void returns_no_uri_captures_from_a_uri_regex_match_without_groups() {
        route("users", Map.of("paths", List.of("~/users/\\d+/profile")));

        assertThat(exec("GET", "/users/1984/profile", "domain.org")
                        .uriCaptures()
                        .isEmpty())
                .isTrue();
    }

    /** 08-router_spec.lua: exec() "parses path component from upstream_url property" */
    @Test
    void parses_path_component_from_upstream_url_property() {
        route(Entities.service("http://example.org/get", Map.of()), "get", Map.of("paths", List.of("/my-route")));

        RouteMatch match = exec("GET", "/my-route", "domain.org");
        assertThat(name(match)).isEqualTo("get");
        assertThat(match.service().path()).isEqualTo("/get");
    }

    /** 08-router_spec.lua: exec() "parses upstream_url port" */
    @Test
    void parses_upstream_url_port() {
        route(Entities.service("http://example.org:8080", Map.of()), "a", Map.of("paths", List.of("/my-route")));
        route(Entities.service("https://example.org:8443", Map.of()), "b", Map.of("paths", List.of("/my-route-2")));

        assertThat(exec("GET", "/my-route", "domain.org").service().port()).isEqualTo(8080);
        assertThat(exec("GET", "/my-route-2", "domain.org").service().port()).isEqualTo(8443);
    }

    /** 08-router_spec.lua: exec() "allows url encoded paths if they are reserved characters" */
    @Test
    void allows_url_encoded_paths_if_they_are_reserved_characters() {
        route("endel", Map.of("paths", List.of("/endel%2Fst")));

        RouteMatch match = exec("GET", "/endel%2Fst", "domain.org");
        assertThat(name(match)).isEqualTo("endel");
        assertThat(match.upstreamPath()).isEqualTo("/endel%2Fst");
    }

    /** Kong's "stripped paths" fixture: one stripping route and one POST route that does not strip. */
    private void stripped() {
        route("strip", Map.of("paths", List.of("/my-route", "/xx-route"), "strip_path", true));
        route(
                "keep",
                Map.of("methods", List.of("POST"), "paths", List.of("/my-route", "/xx-route"), "strip_path", false));
    }

    /** 08-router_spec.lua: exec() stripped paths "strips the specified paths from the given uri if matching" */
    @Test
    void strips_the_specified_paths_from_the_given_uri_if_matching() {
        stripped();
        RouteMatch match = exec("GET", "/my-route/hello/world", "domain.org");
        assertThat(name(match)).isEqualTo("strip");
        assertThat(prefix(match)).isEqualTo("/my-route");
        assertThat(match.upstreamPath()).isEqualTo("/hello/world");
    }

    /** 08-router_spec.lua: exec() stripped paths "strips if matched URI is plain (not a prefix)" */
    @Test
    void strips_if_matched_uri_is_plain_not_a_prefix() {
        stripped();
        RouteMatch match = exec("GET", "/my-route", "domain.org");
        assertThat(name(match)).isEqualTo("strip");
        assertThat(prefix(match)).isEqualTo("/my-route");
        assertThat(match.upstreamPath()).isEqualTo("/");
    }

    /** 08-router_spec.lua: exec() stripped paths "doesn't strip if 'strip_uri' is not enabled" */
    @Test
    void doesnt_strip_if_strip_uri_is_not_enabled() {
        stripped();
        RouteMatch match = exec("POST", "/my-route/hello/world", "domain.org");
        assertThat(name(match)).isEqualTo("keep");
        assertThat(prefix(match)).isNull();
        assertThat(match.strippedPrefix()).isNull();
        assertThat(match.upstreamPath()).isEqualTo("/my-route/hello/world");
    }

    /** 08-router_spec.lua: exec() stripped paths "normalized client URI before matching and proxying" */
    @Test
    void normalized_client_uri_before_matching_and_proxying() {
        stripped();
        RouteMatch match = exec("POST", "/my-route/hello/world", "domain.org");
        assertThat(name(match)).isEqualTo("keep");
        assertThat(prefix(match)).isNull();
        assertThat(match.upstreamPath()).isEqualTo("/my-route/hello/world");
    }

    /** 08-router_spec.lua: exec() stripped paths "does not strips root / URI" */
    @Test
    void does_not_strips_root_uri() {
        route("root", Map.of("paths", List.of("/"), "strip_path", true));

        RouteMatch match = exec("POST", "/my-route/hello/world", "domain.org");
        assertThat(name(match)).isEqualTo("root");
        assertThat(prefix(match)).isEqualTo("/");
        assertThat(match.upstreamPath()).isEqualTo("/my-route/hello/world");
    }

    /** 08-router_spec.lua: exec() stripped paths "can find an route with stripped URI several times in a row" */
    @Test
    void can_find_an_route_with_stripped_uri_several_times_in_a_row() {
        stripped();
        Router router = router();
        for (int i = 0; i < 2; i++) {
            RouteMatch match =
                    exec(router, "GET", "/my-route", "domain.org", Map.of()).orElseThrow();
            assertThat(name(match)).isEqualTo("strip");
            assertThat(prefix(match)).isEqualTo("/my-route");
            assertThat(match.upstreamPath()).isEqualTo("/");
        }
    }

    /** 08-router_spec.lua: exec() stripped paths "can proxy an route with stripped URI with different URIs in a row" */
    @Test
    void can_proxy_an_route_with_stripped_uri_with_different_uris_in_a_row() {
        stripped();
        Router router = router();
        for (String path : List.of("/my-route", "/xx-route", "/my-route", "/xx-route")) {
            RouteMatch match = exec(router, "GET", path, "domain.org", Map.of()).orElseThrow();
            assertThat(name(match)).isEqualTo("strip");
            assertThat(prefix(match)).isEqualTo(path);
            assertThat(match.strippedPrefix()).isEqualTo(path);
            assertThat(match.upstreamPath()).isEqualTo("/");
        }
    }

    /** 08-router_spec.lua: exec() stripped paths "strips url encoded paths" */
    @Test
    void strips_url_encoded_paths() {
        route("endel", Map.of("paths", List.of("/endel%2Fst"), "strip_path", true));

        RouteMatch match = exec("GET", "/endel%2Fst", "domain.org");
        assertThat(name(match)).isEqualTo("endel");
        assertThat(match.strippedPrefix()).isEqualTo("/endel%2Fst");
        assertThat(match.upstreamPath()).isEqualTo("/");
    }

    /** 08-router_spec.lua: exec() stripped paths "strips a [uri regex]" */
    @Test
    void strips_a_uri_regex() {
        route("users", Map.of("paths", List.of("~/users/\\d+/profile"), "strip_path", true));

        RouteMatch match = exec("GET", "/users/123/profile/hello/world", "domain.org");
        assertThat(prefix(match)).isEqualTo("/users/123/profile");
        assertThat(match.upstreamPath()).isEqualTo("/hello/world");
    }

    /** 08-router_spec.lua: exec() stripped paths "strips a [uri regex] with a capture group" */
    @Test
    void strips_a_uri_regex_with_a_capture_group() {
        route("users", Map.of("paths", List.of("~/users/(\\d+)/profile"), "strip_path", true));

        RouteMatch match = exec("GET", "/users/123/profile/hello/world", "domain.org");
        assertThat(prefix(match)).isEqualTo("/users/123/profile");
        assertThat(match.upstreamPath()).isEqualTo("/hello/world");
    }

    /** Kong's "preserve Host header" fixture. */
    private void preserveHost() {
        route("preserve", Map.of("preserve_host", true, "hosts", List.of("preserve.com")));
        route("discard", Map.of("preserve_host", false, "hosts", List.of("discard.com")));
    }

    /**
     * 08-router_spec.lua: exec() preserve Host header, when preserve_host is true "does not change the target
     * upstream"
     */
    @Test
    void preserve_host_true_does_not_change_the_target_upstream() {
        preserveHost();
        RouteMatch match = exec("GET", "/", "preserve.com");
        assertThat(name(match)).isEqualTo("preserve");
        assertThat(match.service().host()).isEqualTo("example.org");
    }

    /**
     * 08-router_spec.lua: exec() preserve Host header, when preserve_host is false "does not change the target
     * upstream"
     */
    @Test
    void preserve_host_false_does_not_change_the_target_upstream() {
        preserveHost();
        RouteMatch match = exec("GET", "/", "discard.com");
        assertThat(name(match)).isEqualTo("discard");
        assertThat(match.service().host()).isEqualTo("example.org");
    }

    /**
     * 08-router_spec.lua: exec() "works with special characters('\"','\\')". Kong's router answers the upstream
     * path {@code /\d}, which Kong escapes before forwarding; {@link RouteMatch#upstreamPath()} is that escaped form.
     */
    @Test
    void works_with_special_characters() {
        route("plain", Map.of("paths", List.of("/\\d")));
        route(Entities.service("https://example.org", Map.of()), "regex", Map.of("paths", List.of("~/\\d+\"")));

        RouteMatch first = exec("GET", "/\\d", "domain.org");
        assertThat(name(first)).isEqualTo("plain");
        assertThat(first.service().host()).isEqualTo("example.org");
        assertThat(first.service().port()).isEqualTo(80);
        assertThat(first.upstreamPath()).isEqualTo(UriPaths.escape("/\\d"));

        RouteMatch second = exec("GET", "/123\"", "domain.org");
        assertThat(name(second)).isEqualTo("regex");
        assertThat(second.service().port()).isEqualTo(443);
        assertThat(second.upstreamPath()).isEqualTo(UriPaths.escape("/123\""));
    }

    /** Kong's "incremental rebuild" fixture: {@code /foo} and {@code /bar}. */
    private Router incremental() {
        route("foo", Map.of("paths", List.of("/foo")));
        route("bar", Map.of("paths", List.of("/bar")));
        return router();
    }

    private Route changed(Route route, String path) {
        return build(plain, route.name(), Map.of("id", route.id().value().toString(), "paths", List.of(path)));
    }

    private static Optional<String> select(Router router, String path) {
        return router.match(RouterFixture.request("http", null, "GET", "", 80, path, Map.of()))
                .map(m -> m.route().name());
    }

    /** 08-router_spec.lua: select() incremental rebuild "matches initially" */
    @Test
    void matches_initially() {
        Router router = incremental();
        assertThat(select(router, "/foo")).contains("foo");
        assertThat(select(router, "/bar")).contains("bar");
    }

    /** 08-router_spec.lua: select() incremental rebuild "update/remove works" */
    @Test
    void update_remove_works() {
        Router router = incremental();
        Map<RouteId, Optional<Route>> change = new HashMap<>();
        change.put(routes.get(0).id(), Optional.of(changed(routes.get(0), "/foo1")));
        change.put(routes.get(1).id(), Optional.empty());

        Router next = router.patch(change, Map.of(serviceId, Optional.of(Service.of(plain))), Set.of());

        assertThat(select(next, "/foo1")).contains("foo");
        assertThat(select(next, "/bar")).isEmpty();
    }

    /** 08-router_spec.lua: select() incremental rebuild "clears match and negative cache after rebuild" */
    @Test
    void clears_match_and_negative_cache_after_rebuild() {
        Router router = incremental();
        assertThat(select(router, "/baz")).isEmpty();
        assertThat(select(router, "/foo")).contains("foo");
        Map<RouteId, Optional<Route>> change = Map.of(
                routes.get(0).id(), Optional.of(changed(routes.get(0), "/foz")),
                routes.get(1).id(), Optional.of(changed(routes.get(1), "/baz")));

        Router next = router.patch(change, Map.of(serviceId, Optional.of(Service.of(plain))), Set.of());

        assertThat(select(next, "/foo")).isEmpty();
        assertThat(select(next, "/baz")).contains("bar");
    }

    private final ServiceId serviceId = Service.of(plain).id();

    /** A route built without schema validation (fast: the benchmarks compile 100,000). */
    private Route raw(
            int i, List<String> methods, List<String> hosts, List<String> paths, Map<String, List<String>> headers) {
        return new Route(
                new RouteId(new UUID(0xe8fb37f1_102d_461eL, i)),
                "r" + i,
                List.of("http", "https"),
                methods,
                hosts,
                paths,
                headers,
                false,
                false,
                0,
                "v0",
                426,
                serviceId,
                1000L,
                List.of(),
                true,
                true);
    }

    private static final int N = 100_000;

    private Router compiled(List<Route> many) {
        return Router.compile(many, Map.of(serviceId, Service.of(plain)));
    }

    /** 08-router_spec.lua: select() #benchmarks plain [host] "takes < 1ms" (the route, not the time) */
    @Test
    void benchmark_plain_host_takes_less_than_1ms() {
        List<Route> many = new ArrayList<>(N);
        for (int i = 1; i <= N; i++) {
            many.add(raw(i, List.of(), List.of("domain-" + i + ".org"), List.of(), Map.of()));
        }
        Router router = compiled(many);

        assertThat(exec(router, "GET", "/", "domain-" + N + ".org", Map.of()).map(this::name))
                .contains("r" + N);
    }

    /** 08-router_spec.lua: select() #benchmarks [method + uri + host] "takes < 1ms" (the route, not the time) */
    @Test
    void benchmark_method_and_uri_and_host_takes_less_than_1ms() {
        List<Route> many = new ArrayList<>(N);
        for (int i = 1; i < N; i++) {
            many.add(raw(i, List.of(), List.of("domain-" + N + ".org"), List.of("/my-route-" + N), Map.of()));
        }
        many.add(raw(N, List.of("POST"), List.of("domain-" + N + ".org"), List.of("/my-route-" + N), Map.of()));
        Router router = compiled(many);

        assertThat(exec(router, "POST", "/my-route-" + N, "domain-" + N + ".org", Map.of())
                        .map(this::name))
                .contains("r" + N);
    }

    /** 08-router_spec.lua: select() #benchmarks [headers] single key "takes < 1ms" (the route, not the time) */
    @Test
    void benchmark_headers_single_key_takes_less_than_1ms() {
        List<Route> many = new ArrayList<>(N);
        for (int i = 1; i <= N; i++) {
            many.add(raw(i, List.of(), List.of(), List.of(), Map.of("location", List.of("somewhere-" + i))));
        }
        Router router = compiled(many);

        assertThat(exec(router, "GET", "/", "", Map.of("location", "somewhere-" + N))
                        .map(this::name))
                .contains("r" + N);
    }

    /**
     * 08-router_spec.lua: select() #benchmarks multiple routes of same category with identical values "takes < 1ms"
     * (the route, not the time)
     */
    @Test
    void benchmark_multiple_routes_of_same_category_with_identical_values_takes_less_than_1ms() {
        List<Route> many = new ArrayList<>(N);
        for (int i = 1; i < N; i++) {
            many.add(raw(i, List.of(), List.of("domain.org"), List.of("/my-route-" + N), Map.of()));
        }
        many.add(raw(N, List.of(), List.of("domain.org"), List.of("/my-real-route"), Map.of()));
        Router router = compiled(many);

        assertThat(exec(router, "GET", "/my-real-route", "domain.org", Map.of()).map(this::name))
                .contains("r" + N);
    }

    /**
     * 08-router_spec.lua: select() #benchmarks [method + uri + host + headers] "takes < 1ms" (the route, not the
     * time)
     */
    @Test
    void benchmark_method_and_uri_and_host_and_headers_takes_less_than_1ms() {
        Map<String, List<String>> location = Map.of("location", List.of("somewhere-" + N));
        List<Route> many = new ArrayList<>(N);
        for (int i = 1; i < N; i++) {
            many.add(raw(i, List.of(), List.of("domain-" + N + ".org"), List.of("/my-route-" + N), location));
        }
        many.add(raw(N, List.of("POST"), List.of("domain-" + N + ".org"), List.of("/my-route-" + N), location));
        Router router = compiled(many);

        assertThat(exec(router, "POST", "/my-route-" + N, "domain-" + N + ".org", Map.of("location", "somewhere-" + N))
                        .map(this::name))
                .contains("r" + N);
    }

    /** 08-router_spec.lua: [both regex and prefix with regex_priority] "[prefix matching ignore regex_priority]" */
    @Test
    void prefix_matching_ignore_regex_priority() {
        route("dot-star", Map.of("paths", List.of("/.*"), "hosts", List.of("domain-1.org")));
        route("root", Map.of("paths", List.of("/"), "hosts", List.of("domain-2.org"), "regex_priority", 5));
        route("v1", Map.of("paths", List.of("/v1"), "hosts", List.of("domain-2.org")));

        assertThat(name(exec("GET", "/v1", "domain-2.org"))).isEqualTo("v1");
    }

    /** 08-router_spec.lua: [both regex and prefix] "[assigns different priorities to regex and non-regex path]" */
    @Test
    void assigns_different_priorities_to_regex_and_non_regex_path() {
        route("mixed", Map.of("paths", List.of("~/some/thing/else", "/foo"), "hosts", List.of("domain-1.org")));
        route("foo-bar", Map.of("paths", List.of("/foo/bar"), "hosts", List.of("domain-1.org")));

        assertThat(name(exec("GET", "/some/thing/else", "domain-1.org"))).isEqualTo("mixed");
        assertThat(name(exec("GET", "/foo/bar", "domain-1.org"))).isEqualTo("foo-bar");
    }

    /** 08-router_spec.lua: [overlapping prefixes] "[assigns different priorities to each path]" */
    @Test
    void assigns_different_priorities_to_each_path() {
        route("foo", Map.of("paths", List.of("/foo", "/foo/bar/baz"), "hosts", List.of("domain-1.org")));
        route("foo-bar", Map.of("paths", List.of("/foo/bar"), "hosts", List.of("domain-1.org")));

        assertThat(name(exec("GET", "/foo", "domain-1.org"))).isEqualTo("foo");
        assertThat(name(exec("GET", "/foo/bar", "domain-1.org"))).isEqualTo("foo-bar");
    }

    /** 08-router_spec.lua: Router "[can create route with multiple paths and no service]" */
    @Test
    void can_create_route_with_multiple_paths_and_no_service() {
        serviceless("foo", Map.of("paths", List.of("/foo", "/foo/bar/baz")));

        Router router = router();
        assertThat(router.size()).isEqualTo(1);
        RouteMatch match = exec(router, "GET", "/foo/bar/baz", "", Map.of()).orElseThrow();
        assertThat(name(match)).isEqualTo("foo");
        assertThat(match.service()).isNull();
    }

    /**
     * 08-router_spec.lua: Router "[cache hit should be case sensitive]": the header value matches whatever its case
     * (Kong's match-cache bookkeeping has no counterpart: Tollgate's router has no match cache).
     */
    @Test
    void cache_hit_should_be_case_sensitive() {
        route("foo", Map.of("paths", List.of("/foo"), "headers", Map.of("test1", List.of("Quote"))));
        Router router = router();

        for (String value : List.of("QUOTE", "QUOTE", "QuoTe")) {
            assertThat(exec(router, "GET", "/foo", "", Map.of("test1", value)).map(this::name))
                    .contains("foo");
        }
    }

    /** 08-router_spec.lua: Router "[cache hit should have correct match_t.upstream_uri]" */
    @Test
    void cache_hit_should_have_correct_upstream_uri() {
        route("host", Map.of("hosts", List.of("example.com"), "preserve_host", true));
        Router router = router();

        RouteMatch foo = exec(router, "GET", "/foo", "example.com", Map.of()).orElseThrow();
        assertThat(name(foo)).isEqualTo("host");
        assertThat(foo.route().preserveHost()).isTrue();
        assertThat(foo.upstreamPath()).isEqualTo("/foo");
        RouteMatch bar = exec(router, "GET", "/bar", "example.com", Map.of()).orElseThrow();
        assertThat(name(bar)).isEqualTo("host");
        assertThat(bar.upstreamPath()).isEqualTo("/bar");
    }

    /** Kong's path-handling rows ({@link KongPathHandlingTest#rows()}) that match on a path, {@code v0} only. */
    static Stream<Arguments> regexRows() {
        return KongPathHandlingTest.rows().filter(row -> !row.get()[2].equals("-") && row.get()[4].equals("v0"));
    }

    /**
     * 08-router_spec.lua: exec() #slash handling "(i-j) regex, … strip = …, v0. req: …": Kong's path-handling table
     * again, with the route path turned into a regex ({@code ~/[0]?} + the path without its {@code /}). The plain
     * "(i-j) plain, …" cases are {@link KongPathHandlingTest}.
     */
    @ParameterizedTest(name = "row {0}: service {1}, route {2} as regex, strip {3}, {4}, request {5} -> {6}")
    @MethodSource("regexRows")
    void slash_handling_regex(
            int row,
            String servicePath,
            String routePath,
            boolean strip,
            String handling,
            String requestPath,
            String expected) {
        Entity service = Entities.service("http://example.org" + servicePath, Map.of());
        route(
                service,
                "regex",
                Map.of(
                        "paths",
                        List.of("~/[0]?" + routePath.substring(1)),
                        "hosts",
                        List.of("localbin-" + row + ".com"),
                        "strip_path",
                        strip,
                        "path_handling",
                        handling));

        RouteMatch match = exec("GET", requestPath, "localbin-" + row + ".com");

        assertThat(match.upstreamPath()).as("row %d", row).isEqualTo(expected);
    }
}
