package io.tollgate.adapter.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.in.AdministerEntities;
import io.tollgate.application.port.in.AdministerReferences;
import io.tollgate.application.port.in.BrowseEntities;
import io.tollgate.application.port.in.BrowseHistory;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The routes table behind {@code GET /endpoints} and the router's matching agree, on the real resources table. */
class AdminRouterTest {

    private static <T> T unused(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
            throw new AssertionError("not called in this test");
        }));
    }

    /** A router over the core resources with {@code GET /} and the schema endpoints' templates; ports unused. */
    static AdminRouter router() {
        AdministerEntities entities = unused(AdministerEntities.class);
        return new AdminRouter(
                AdminResource.CORE,
                new EntityEndpoints(entities, unused(BrowseEntities.class)),
                new ReferenceEndpoints(entities, unused(AdministerReferences.class)),
                new HistoryEndpoints(unused(BrowseHistory.class)),
                Map.of("/", new Endpoint(Set.of("GET"), (m, e) -> {})),
                Map.<String, Function<String, @Nullable Endpoint>>of(),
                SchemaEndpoints.ROUTES);
    }

    @Test
    void every_listed_template_is_routed_with_its_methods() {
        AdminRouter router = router();
        for (AdminRoute route : router.routes()) {
            if (route.template().startsWith(SchemaEndpoints.PREFIX)) {
                continue; // listed here, served by a prefixed endpoint this router was not given
            }
            String path = route.template().replaceAll("\\{[^}]+}", "x");
            Optional<Endpoint> endpoint = router.match(path);
            assertThat(endpoint).as(path).isPresent();
            TreeSet<String> expected = route.sortedMethods();
            if (route.shape() == AdminRoute.Shape.REFERENCE) {
                expected.add("DELETE"); // answered (always 404 or 405), not documented
            }
            assertThat(new TreeSet<>(endpoint.orElseThrow().methods())).as(path).isEqualTo(expected);
        }
    }

    @Test
    void the_upstream_targets_all_listing_is_listed() {
        AdminRouter router = router();
        assertThat(router.routes())
                .filteredOn(r -> r.template().equals("/upstreams/{upstreams}/targets/all"))
                .singleElement()
                .satisfies(r -> assertThat(r.methods()).containsExactly("GET"));
        assertThat(router.match("/upstreams/u/targets/all").orElseThrow().methods())
                .containsExactly("GET");
    }
}
