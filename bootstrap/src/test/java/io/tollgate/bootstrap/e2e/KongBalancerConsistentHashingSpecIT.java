package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong's {@code spec/02-integration/05-proxy/10-balancer/03-consistent-hashing_spec.lua}, 4 of its cases
 * (hashing on a header, on a missing header, and the two cookie cases) against one real node, with loopback upstreams
 * ({@link NamedUpstream}) counting requests. Kong runs them for each localhost mode; they run once here, on
 * {@code 127.0.0.1} targets. The path, uri_capture and query_arg cases assert the balancer's hash value, which Kong's
 * spec reads through a {@code post-function} plugin from {@code ngx.ctx.balancer_data}: no counterpart.
 */
class KongBalancerConsistentHashingSpecIT {

    private static final int REQUESTS = 20;

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient admin;
    static int proxyPort;

    private final List<NamedUpstream> servers = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("kong-ch", dir, Map.of());
        admin = new KongSpecClient(node.admin());
        proxyPort = URI.create(node.proxy()).getPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @AfterEach
    void closeServers() {
        servers.forEach(NamedUpstream::close);
    }

    /**
     * Kong's {@code bu.add_upstream} (consistent-hashing with these fields, {@code slots = 10}), {@code n} targets of
     * weight 10 on fresh loopback servers, and {@code bu.add_api}; returns the route's host.
     */
    private String balanced(int n, Object... upstreamFields) throws IOException {
        String name = unique("ch");
        Map<String, Object> fields = body(upstreamFields);
        fields.put("name", name);
        fields.put("slots", 10);
        fields.put("algorithm", "consistent-hashing");
        String id = admin.create("/upstreams", fields).get("id").asText();
        for (int i = 0; i < n; i++) {
            NamedUpstream server = new NamedUpstream(unique("server"));
            servers.add(server);
            admin.create("/upstreams/" + id + "/targets", body("target", server.target(), "weight", 10));
        }
        String service = admin.create("/services", body("name", unique("ch-svc"), "host", name, "port", 80))
                .get("id")
                .asText();
        String host = unique("ch-host") + ".test";
        admin.create("/routes", body("hosts", List.of(host), "paths", List.of("/"), "service", Map.of("id", service)));
        return host;
    }

    private static RawHttp.Response get(String host, String... headers) throws IOException {
        RawHttp.Request request = RawHttp.request("GET", host, "/");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.send(proxyPort);
    }

    /** Sends {@code n} requests; returns how many answered 200. */
    private static int clientRequests(int n, String host, String... headers) throws IOException {
        int oks = 0;
        for (int i = 0; i < n; i++) {
            oks += get(host, headers).status() == 200 ? 1 : 0;
        }
        return oks;
    }

    /** Every request went to one of the two servers, none to the other. */
    private void assertAllOnOne(int requests) {
        int count1 = servers.get(0).hits.get();
        int count2 = servers.get(1).hits.get();
        assertThat(count1).isIn(0, requests);
        assertThat(count2).isIn(0, requests);
        assertThat(count1 + count2).isEqualTo(requests);
    }

    /** 03-consistent-hashing_spec: "over multiple targets hashing on header". */
    @Test
    void hashing_on_header() throws Exception {
        String host = balanced(2, "hash_on", "header", "hash_on_header", "hashme");

        assertThat(clientRequests(REQUESTS, host, "hashme", "just a value")).isEqualTo(REQUESTS);
        assertAllOnOne(REQUESTS);
    }

    /**
     * 03-consistent-hashing_spec: "over multiple targets hashing on missing header" (Kong hashes the empty string when
     * the request has no hash value).
     */
    @Test
    void hashing_on_missing_header() throws Exception {
        String host = balanced(2, "hash_on", "header", "hash_on_header", "hashme");

        assertThat(clientRequests(REQUESTS, host, "nothashme", "just a value")).isEqualTo(REQUESTS);
        assertAllOnOne(REQUESTS);
    }

    /** 03-consistent-hashing_spec: "hashing on cookie does not reply with Set-Cookie if cookie is already set". */
    @Test
    void does_not_reply_with_set_cookie_if_cookie_is_already_set() throws Exception {
        String host = balanced(1, "hash_on", "cookie", "hash_on_cookie", "hashme");

        RawHttp.Response res = get(host, "Cookie", "hashme=some-cookie-value");
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.header("Set-Cookie")).isNull();
    }

    /** 03-consistent-hashing_spec: "hashing on cookie replies with Set-Cookie if cookie is not set". */
    @Test
    void replies_with_set_cookie_if_cookie_is_not_set() throws Exception {
        String host = balanced(2, "hash_on", "cookie", "hash_on_cookie", "hashme");

        RawHttp.Response first = get(host, "Cookie", "some-other-cooke=some-other-value");
        assertThat(first.status()).isEqualTo(200);
        Matcher cookie = Pattern.compile("hashme=(.*);").matcher(first.header("Set-Cookie"));
        assertThat(cookie.find()).isTrue();

        int oks = 1 + clientRequests(REQUESTS - 1, host, "Cookie", "hashme=" + cookie.group(1));
        assertThat(oks).isEqualTo(REQUESTS);
        assertAllOnOne(REQUESTS);
    }
}
