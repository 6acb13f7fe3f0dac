package io.tollgate.application.plugin.bundled;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.plugin.bundled.CorsOrigins.Allow;
import io.tollgate.application.plugin.bundled.CorsOrigins.AllowAll;
import io.tollgate.application.plugin.bundled.CorsOrigins.Refuse;
import io.tollgate.application.plugin.bundled.CorsOrigins.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Kong's origin matching table ({@code spec/03-plugins/13-cors/01-access_spec.lua}, {@code regex_testcases}): for
 * each configured {@code origins}, each request origin is accepted (the ACAO sent: the origin itself, or what is
 * given) or refused.
 */
class CorsOriginsTest {

    static final List<String> ORIGINS = List.of(
            "http://evil.test",
            "http://foo.test",
            "http://foo.test.evil.test",
            "http://something.foo.test",
            "http://evilfoo.test",
            "http://foo.test:80",
            "http://foo.test:8000",
            "https://foo.test:8000",
            "http://foo.test:90",
            "http://foobtest",
            "https://bar.test:1234");

    /** Expected ACAO per request origin: {@code null} = refused; the origins not listed are refused. */
    static Map<String, String> accepts(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1] == null ? pairs[i] : pairs[i + 1]);
        }
        return out;
    }

    static void check(List<String> configured, Map<String, String> accepted) {
        CorsOrigins origins = CorsOrigins.of(configured);
        for (String origin : ORIGINS) {
            Verdict verdict = origins.match(origin);
            String expected = accepted.get(origin);
            if (expected == null) {
                assertThat(verdict).as(configured + " " + origin).isInstanceOf(Refuse.class);
            } else {
                assertThat(verdict).as(configured + " " + origin).isEqualTo(new Allow(expected));
            }
        }
    }

    @Test
    void a_single_literal_entry_is_sent_whatever_the_origin() {
        for (String origin : ORIGINS) {
            assertThat(CorsOrigins.of(List.of("foo.test")).match(origin)).isEqualTo(new Allow("foo.test"));
            assertThat(CorsOrigins.of(List.of("https://bar.test:1234")).match(origin))
                    .isEqualTo(new Allow("https://bar.test:1234"));
        }
        assertThat(CorsOrigins.of(List.of("foo.test")).match(null)).isEqualTo(new Allow("foo.test"));
    }

    @Test
    void a_regex_without_colon_matches_the_host_anchored() {
        Map<String, String> plain = accepts(
                "http://foo.test", null,
                "http://foo.test:80", "http://foo.test",
                "http://foo.test:8000", null,
                "https://foo.test:8000", null,
                "http://foo.test:90", null);
        check(List.of("foo\\.test"), plain);
        Map<String, String> subdomains = new LinkedHashMap<>(plain);
        subdomains.put("http://something.foo.test", "http://something.foo.test");
        check(List.of("(.*[./])?foo\\.test"), subdomains);
        check(List.of("bar.test", "foo\\.test"), plain);
        check(List.of("bar.test", "(.*\\.)?foo\\.test"), subdomains);
    }

    @Test
    void a_regex_with_colon_matches_the_normalized_origin_anchored() {
        Map<String, String> port8000 = accepts("http://foo.test:8000", null, "https://foo.test:8000", null);
        check(List.of("(.*[./])?foo\\.test:8000"), port8000);
        check(List.of("bar.test", "(.*[./])?foo\\.test:8000"), port8000);
        check(List.of("https://(.*[.])?foo\\.test:8000"), accepts("https://foo.test:8000", null));
        check(List.of("bar.test", "https://(.*\\.)?foo\\.test:8000"), accepts("https://foo.test:8000", null));
        check(
                List.of("^http://(.*[.])?foo\\.test(:(80|90))?$"),
                accepts(
                        "http://foo.test", null,
                        "http://something.foo.test", null,
                        "http://foo.test:80", "http://foo.test",
                        "http://foo.test:90", null));
    }

    @Test
    void several_literals_compare_normalized_origins() {
        check(List.of("foo.test", "bar.test"), Map.of());
        check(
                List.of("http://foo.test", "https://bar.test:1234"),
                accepts(
                        "http://foo.test",
                        null,
                        "http://foo.test:80",
                        "http://foo.test",
                        "https://bar.test:1234",
                        null));
        CorsOrigins sites = CorsOrigins.of(List.of("http://my-site.test", "https://my-other-site.test:9000"));
        assertThat(sites.match("http://my-site.test:80")).isEqualTo(new Allow("http://my-site.test"));
        assertThat(sites.match("http://my-site.test:8000")).isInstanceOf(Refuse.class);
        assertThat(sites.match("https://my-site.test")).isInstanceOf(Refuse.class);
        assertThat(sites.match("https://my-other-site.test:9001")).isInstanceOf(Refuse.class);
        assertThat(sites.match("http://my-site.test.bad-guys.test")).isInstanceOf(Refuse.class);
        CorsOrigins hosts = CorsOrigins.of(List.of("example.test", "example.org"));
        assertThat(hosts.match("example.test")).isEqualTo(new Allow("example.test"));
        assertThat(hosts.match("http://example.test"))
                .as("the host is not parsed out")
                .isInstanceOf(Refuse.class);
    }

    @Test
    void regexes_match_bare_hosts_too() {
        CorsOrigins origins = CorsOrigins.of(List.of(".*\\.?example(?:-foo)?.test"));
        for (String ok : List.of("example.test", "www.example.test", "example-foo.test", "www.example-foo.test")) {
            assertThat(origins.match(ok)).isEqualTo(new Allow(ok));
        }
        assertThat(origins.match("www.example-fo0.test")).isInstanceOf(Refuse.class);
    }

    @Test
    void wildcards() {
        assertThat(CorsOrigins.of(List.of()).match("http://a.test")).isInstanceOf(AllowAll.class);
        assertThat(CorsOrigins.of(List.of("*")).match(null)).isInstanceOf(AllowAll.class);
        assertThat(CorsOrigins.of(List.of("*")).allowsAll()).isTrue();
        CorsOrigins mixed = CorsOrigins.of(List.of("foo.bar", "*"));
        assertThat(mixed.allowsAll()).as("Vary: Origin is still sent").isFalse();
        assertThat(mixed.match("http://www.example.net")).isInstanceOf(AllowAll.class);
        assertThat(mixed.match(null)).isInstanceOf(Refuse.class);
    }

    @Test
    void normalizes_like_luasocket() {
        assertThat(CorsOrigins.Origin.of("https://bar.test:443/x"))
                .isEqualTo(new CorsOrigins.Origin("https://bar.test", "bar.test"));
        assertThat(CorsOrigins.Origin.of("foo.test:8000"))
                .isEqualTo(new CorsOrigins.Origin("foo.test:8000", "foo.test:8000"));
        assertThat(Cors.luaNumber(23)).isEqualTo("23");
        assertThat(Cors.luaNumber(1.5)).isEqualTo("1.5");
    }
}
