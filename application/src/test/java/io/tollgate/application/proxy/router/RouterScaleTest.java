package io.tollgate.application.proxy.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A lookup visits the same few candidates whether the router holds 10 or 10,000 routes (kong-internals §8.1). */
class RouterScaleTest extends RouterFixture {

    private int visited(String host, String path) {
        return router().candidatesVisited(request("http", null, "GET", host, 8000, path, Map.of()));
    }

    @Test
    void distinctExactHostsAreFoundByHash() {
        for (int i = 0; i < 10_000; i++) {
            plainRoute("r" + i, List.of("h" + i + ".test"), List.of("/p" + i));
        }
        route("catch-all", Map.of("paths", List.of("/")));

        assertThat(match("h4321.test", "/p4321/x")).contains("r4321");
        assertThat(match("h4321.test", "/p1/x")).contains("catch-all");
        assertThat(match("unknown.test", "/p1")).contains("catch-all");
        assertThat(visited("h4321.test", "/p4321/x")).isEqualTo(2);
    }

    @Test
    void distinctWildcardHostsAreFoundByTheirSuffixOrPrefix() {
        for (int i = 0; i < 5_000; i++) {
            plainRoute("s" + i, List.of("*.s" + i + ".test"), List.of());
            plainRoute("p" + i, List.of("p" + i + ".*"), List.of());
        }

        assertThat(match("a.s4999.test", "/")).contains("s4999");
        assertThat(match("p17.example.com", "/")).contains("p17");
        assertThat(match("p17x.example.com", "/")).isEmpty();
        assertThat(visited("a.s4999.test", "/")).isEqualTo(1);
        assertThat(visited("p17.example.com", "/")).isEqualTo(1);
    }

    @Test
    void distinctPrefixesWithoutHostsAreFoundInTheTrie() {
        for (int i = 0; i < 10_000; i++) {
            plainRoute("r" + i, List.of(), List.of("/svc" + i + "/"));
        }

        assertThat(match("any", "/svc9999/items")).contains("r9999");
        assertThat(match("any", "/svc999/items")).contains("r999");
        assertThat(visited("any", "/svc9999/items")).isEqualTo(1);
    }

    @Test
    void regexesAreOnlyVisitedWhenTheirLiteralPrefixMatches() {
        for (int i = 0; i < 10_000; i++) {
            plainRoute("r" + i, List.of(), List.of("~/api" + i + "/(?<id>\\d+)$"));
        }

        assertThat(router().match(request("http", null, "GET", "x", 8000, "/api9876/55", Map.of()))
                        .orElseThrow()
                        .uriCaptures()
                        .get("id"))
                .isEqualTo("55");
        assertThat(visited("x", "/api9876/55")).isEqualTo(1);
    }
}
