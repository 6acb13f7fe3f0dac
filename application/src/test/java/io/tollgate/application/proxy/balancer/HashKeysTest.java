package io.tollgate.application.proxy.balancer;

import static io.tollgate.application.proxy.balancer.Fixtures.upstream;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.proxy.FakeExchange;
import io.tollgate.domain.upstream.Upstream;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HashKeysTest {

    private static String key(Upstream upstream, FakeExchange exchange) {
        return HashKeys.of(upstream, exchange, exchange.path(), name -> name.equals("user") ? "captured" : null);
    }

    @Test
    void each_hash_on_mode_reads_its_part_of_the_request() {
        FakeExchange ex = FakeExchange.get("/p/x?tenant=a&tenant=b")
                .header("X-User", "u1", "u2")
                .header("X-Consumer-ID", "c-id")
                .header("Cookie", "a=1; sess=s-9");
        assertThat(key(upstream(Map.of("hash_on", "header", "hash_on_header", "x-user")), ex))
                .isEqualTo("u1,u2");
        assertThat(key(upstream(Map.of("hash_on", "consumer")), ex)).isEqualTo("c-id");
        assertThat(key(upstream(Map.of("hash_on", "ip")), ex)).isEqualTo("127.0.0.1");
        assertThat(key(upstream(Map.of("hash_on", "path")), ex)).isEqualTo("/p/x");
        assertThat(key(upstream(Map.of("hash_on", "query_arg", "hash_on_query_arg", "tenant")), ex))
                .isEqualTo("a,b");
        assertThat(key(upstream(Map.of("hash_on", "uri_capture", "hash_on_uri_capture", "user")), ex))
                .isEqualTo("captured");
        assertThat(key(upstream(Map.of("hash_on", "cookie", "hash_on_cookie", "sess")), ex))
                .isEqualTo("s-9");
        assertThat(ex.responseHeaders).isEmpty();
        assertThat(key(upstream(Map.of()), ex)).isNull();
    }

    @Test
    void the_fallback_applies_when_the_primary_yields_nothing() {
        Upstream up = upstream(Map.of(
                "hash_on",
                "header",
                "hash_on_header",
                "x-user",
                "hash_fallback",
                "query_arg",
                "hash_fallback_query_arg",
                "t"));
        assertThat(key(up, FakeExchange.get("/?t=9"))).isEqualTo("9");
        // neither mode yields a key: Kong hashes the empty string (`get_value_to_hash(...) or ""`)
        assertThat(key(up, FakeExchange.get("/"))).isEmpty();
    }

    @Test
    void a_missing_hash_cookie_is_created_and_set_on_the_response() {
        Upstream up = upstream(Map.of("hash_on", "cookie", "hash_on_cookie", "sess", "hash_on_cookie_path", "/app"));
        FakeExchange ex = FakeExchange.get("/");
        String key = key(up, ex);
        assertThat(key).matches("[0-9a-f-]{36}");
        assertThat(ex.responseHeaders.get("Set-Cookie")).isEqualTo("sess=" + key + "; Path=/app");
    }
}
