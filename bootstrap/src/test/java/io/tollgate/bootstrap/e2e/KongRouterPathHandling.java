package io.tollgate.bootstrap.e2e;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Kong 3.x's spec fixture {@code spec/fixtures/router_path_handling_tests.lua} (the 77 rows matching 3.x's
 * {@code get_upstream_uri_v0}): how the upstream path joins the service's
 * {@code path}, the route's path (or none: a host-only route), {@code strip_path} and {@code path_handling}, for a
 * request path. Each row lists one or both values of {@code strip_path} and of {@code path_handling}; {@link #expand}
 * gives a case per combination, in Kong's order ({@code strip_path} first, then {@code path_handling}).
 */
final class KongRouterPathHandling {

    private KongRouterPathHandling() {}

    /** One expanded case; {@code line} and {@code index} are Kong's 1-based row and position in its expansion. */
    record Case(
            int line,
            int index,
            String servicePath,
            @Nullable String routePath,
            boolean stripPath,
            String pathHandling,
            String requestPath,
            String expectedPath) {}

    private static final String BOTH = "both";

    /** service path, route path (null: host-only), strip_path, path_handling, request path, expected upstream path. */
    private static final String[][] ROWS = {
        {"/", "/", BOTH, BOTH, "/", "/"},
        {"/", "/", BOTH, BOTH, "/route", "/route"},
        {"/", "/", BOTH, BOTH, "/route/", "/route/"},
        {"/", "/", BOTH, BOTH, "/routereq", "/routereq"},
        {"/", "/", BOTH, BOTH, "/route/req", "/route/req"},
        {"/", "/route", "false", BOTH, "/route", "/route"},
        {"/", "/route", "false", BOTH, "/route/", "/route/"},
        {"/", "/route", "false", BOTH, "/routereq", "/routereq"},
        {"/", "/route", "true", BOTH, "/route", "/"},
        {"/", "/route", "true", BOTH, "/route/", "/"},
        {"/", "/route", "true", BOTH, "/routereq", "/req"},
        {"/", "/route/", "false", BOTH, "/route/", "/route/"},
        {"/", "/route/", "false", BOTH, "/route/req", "/route/req"},
        {"/", "/route/", "true", BOTH, "/route/", "/"},
        {"/", "/route/", "true", BOTH, "/route/req", "/req"},
        {"/srv", "/rou", "false", "v0", "/roureq", "/srv/roureq"},
        {"/srv", "/rou", "false", "v1", "/roureq", "/srvroureq"},
        {"/srv", "/rou", "true", "v0", "/roureq", "/srv/req"},
        {"/srv", "/rou", "true", "v1", "/roureq", "/srvreq"},
        {"/srv/", "/rou", "false", BOTH, "/rou", "/srv/rou"},
        {"/srv/", "/rou", "true", "v0", "/rou", "/srv"},
        {"/srv/", "/rou", "true", "v1", "/rou", "/srv/"},
        {"/service", "/", BOTH, BOTH, "/", "/service"},
        {"/service", "/", BOTH, "v0", "/route", "/service/route"},
        {"/service", "/", BOTH, "v1", "/route", "/serviceroute"},
        {"/service", "/", BOTH, "v0", "/route/", "/service/route/"},
        {"/service", "/", BOTH, "v1", "/route/", "/serviceroute/"},
        {"/service", "/", BOTH, "v0", "/routereq", "/service/routereq"},
        {"/service", "/", BOTH, "v1", "/routereq", "/serviceroutereq"},
        {"/service", "/", BOTH, "v0", "/route/req", "/service/route/req"},
        {"/service", "/", BOTH, "v1", "/route/req", "/serviceroute/req"},
        {"/service", "/route", "false", "v0", "/route", "/service/route"},
        {"/service", "/route", "false", "v1", "/route", "/serviceroute"},
        {"/service", "/route", "false", "v0", "/route/", "/service/route/"},
        {"/service", "/route", "false", "v1", "/route/", "/serviceroute/"},
        {"/service", "/route", "false", "v0", "/routereq", "/service/routereq"},
        {"/service", "/route", "false", "v1", "/routereq", "/serviceroutereq"},
        {"/service", "/route", "true", BOTH, "/route", "/service"},
        {"/service", "/route", "true", BOTH, "/route/", "/service/"},
        {"/service", "/route", "true", "v0", "/routereq", "/service/req"},
        {"/service", "/route", "true", "v1", "/routereq", "/servicereq"},
        {"/service", "/route/", "false", "v0", "/route/", "/service/route/"},
        {"/service", "/route/", "false", "v1", "/route/", "/serviceroute/"},
        {"/service", "/route/", "false", "v0", "/route/req", "/service/route/req"},
        {"/service", "/route/", "false", "v1", "/route/req", "/serviceroute/req"},
        {"/service", "/route/", "true", "v0", "/route/", "/service/"},
        {"/service", "/route/", "true", "v1", "/route/", "/service"},
        {"/service", "/route/", "true", "v0", "/route/req", "/service/req"},
        {"/service", "/route/", "true", "v1", "/route/req", "/servicereq"},
        {"/service/", "/", BOTH, "v0", "/route/", "/service/route/"},
        {"/service/", "/", BOTH, "v1", "/route/", "/service/route/"},
        {"/service/", "/", BOTH, BOTH, "/", "/service/"},
        {"/service/", "/", BOTH, BOTH, "/route", "/service/route"},
        {"/service/", "/", BOTH, BOTH, "/routereq", "/service/routereq"},
        {"/service/", "/", BOTH, BOTH, "/route/req", "/service/route/req"},
        {"/service/", "/route", "false", BOTH, "/route", "/service/route"},
        {"/service/", "/route", "false", BOTH, "/route/", "/service/route/"},
        {"/service/", "/route", "false", BOTH, "/routereq", "/service/routereq"},
        {"/service/", "/route", "true", "v0", "/route", "/service"},
        {"/service/", "/route", "true", "v1", "/route", "/service/"},
        {"/service/", "/route", "true", BOTH, "/route/", "/service/"},
        {"/service/", "/route", "true", BOTH, "/routereq", "/service/req"},
        {"/service/", "/route/", "false", BOTH, "/route/", "/service/route/"},
        {"/service/", "/route/", "false", BOTH, "/route/req", "/service/route/req"},
        {"/service/", "/route/", "true", BOTH, "/route/", "/service/"},
        {"/service/", "/route/", "true", BOTH, "/route/req", "/service/req"},
        {"/", null, BOTH, BOTH, "/", "/"},
        {"/", null, BOTH, BOTH, "/route", "/route"},
        {"/", null, BOTH, BOTH, "/route/", "/route/"},
        {"/service", null, BOTH, BOTH, "/", "/service"},
        {"/service", null, BOTH, "v0", "/route", "/service/route"},
        {"/service", null, BOTH, "v1", "/route", "/serviceroute"},
        {"/service", null, BOTH, "v0", "/route/", "/service/route/"},
        {"/service", null, BOTH, "v1", "/route/", "/serviceroute/"},
        {"/service/", null, BOTH, BOTH, "/", "/service/"},
        {"/service/", null, BOTH, BOTH, "/route", "/service/route"},
        {"/service/", null, BOTH, BOTH, "/route/", "/service/route/"},
    };

    /** Every row expanded, in Kong's order. */
    static List<Case> expand() {
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < ROWS.length; i++) {
            String[] row = ROWS[i];
            List<Boolean> strips = row[2].equals(BOTH) ? List.of(false, true) : List.of(Boolean.parseBoolean(row[2]));
            List<String> handlings = row[3].equals(BOTH) ? List.of("v0", "v1") : List.of(row[3]);
            int index = 0;
            for (boolean strip : strips) {
                for (String handling : handlings) {
                    index++;
                    cases.add(new Case(i + 1, index, row[0], row[1], strip, handling, row[4], row[5]));
                }
            }
        }
        return cases;
    }

    /** The cases Kong runs under its {@code traditional_compatible} router: {@code path_handling = v0} only. */
    static List<Case> v0() {
        return expand().stream().filter(c -> c.pathHandling().equals("v0")).toList();
    }
}
