package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/02-integration/05-proxy/30-max-args_spec.lua}: a request with many headers, query arguments and
 * form arguments reaches the upstream whole. The spec runs its four cases for 50, 100 and 200 parameters (12 cases);
 * the 6 "when proxying" cases are ported, each as Kong's {@code /proxy} route to {@link KongMockUpstream} answers
 * them. The other 6 read the arguments inside Kong through its {@code max-args} test plugin under
 * {@code lua_max_req_headers} / {@code lua_max_uri_args} / {@code lua_max_post_args} / {@code lua_max_resp_headers},
 * which Tollgate has neither (no counterpart). Kong starts one node per parameter count with those limits; the
 * proxied request is never cut whatever they are, so one node (with Kong's {@code headers=off} and
 * {@code headers_upstream=off}) serves all six here. Kong's additional check of its own debug log for a "truncated"
 * line is Kong-internal and not ported.
 */
class KongMaxArgsSpecIT {

    /** The request headers the proxy adds, which Kong's spec leaves out of the comparison. */
    static final List<String> ADDED = List.of(
            "connection",
            "x-forwarded-for",
            "x-forwarded-host",
            "x-forwarded-path",
            "x-forwarded-port",
            "x-forwarded-prefix",
            "x-forwarded-proto",
            "x-real-ip",
            "via");

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongMockUpstream mock;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        mock = new KongMockUpstream();
        node = NodeProcess.start("kong-max-args", dir, Map.of("headers", "off", "headers_upstream", "off"));
        KongSpecClient client = new KongSpecClient(node.admin());
        String service =
                client.create("/services", body("url", mock.url())).get("id").asText();
        client.create("/routes", body("paths", List.of("/proxy"), "service", Map.of("id", service)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (mock != null) {
            mock.close();
        }
    }

    /** 30-max-args_spec.lua: max args (50 parameters) "no truncation when using 50 parameters when proxying" */
    @Test
    void no_truncation_when_using_50_parameters_when_proxying() throws Exception {
        proxy(50);
    }

    /** 30-max-args_spec.lua: max args (50 parameters) "no truncation when using 51 parameters when proxying" */
    @Test
    void no_truncation_when_using_51_parameters_when_proxying() throws Exception {
        proxy(51);
    }

    /** 30-max-args_spec.lua: max args (100 parameters) "no truncation when using 100 parameters when proxying" */
    @Test
    void no_truncation_when_using_100_parameters_when_proxying() throws Exception {
        proxy(100);
    }

    /** 30-max-args_spec.lua: max args (100 parameters) "no truncation when using 101 parameters when proxying" */
    @Test
    void no_truncation_when_using_101_parameters_when_proxying() throws Exception {
        proxy(101);
    }

    /** 30-max-args_spec.lua: max args (200 parameters) "no truncation when using 200 parameters when proxying" */
    @Test
    void no_truncation_when_using_200_parameters_when_proxying() throws Exception {
        proxy(200);
    }

    /** 30-max-args_spec.lua: max args (200 parameters) "no truncation when using 201 parameters when proxying" */
    @Test
    void no_truncation_when_using_201_parameters_when_proxying() throws Exception {
        proxy(201);
    }

    /**
     * Kong's {@code get_parameters(n)} posted to {@code /proxy}: arguments {@code a1=v1 … an=vn} both as the query and
     * as a form body, and, as headers, {@code a5 … an} plus {@code Content-Type}, {@code User-Agent: kong} and
     * {@code Host} (the mock's address); the mock must see every one of them ({@code validate_proxy}).
     */
    private static void proxy(int n) throws Exception {
        Map<String, Object> query = new LinkedHashMap<>();
        StringJoiner encoded = new StringJoiner("&");
        for (int i = 1; i <= n; i++) {
            query.put("a" + i, "v" + i);
            encoded.add("a" + i + "=v" + i);
        }
        String form = encoded.toString();
        String host = "127.0.0.1:" + mock.port();
        RawHttp.Request request = RawHttp.request("POST", host, "/proxy?" + form)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "kong")
                .body(form);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 5; i <= n; i++) {
            request.header("a" + i, "v" + i);
            headers.put("a" + i, "v" + i);
        }
        headers.put("content-length", String.valueOf(form.length()));
        headers.put("content-type", "application/x-www-form-urlencoded");
        headers.put("user-agent", "kong");
        headers.put("host", host);

        RawHttp.Response res = request.send(node.proxyPort);

        assertThat(res.status()).as(res.headers() + res.body()).isEqualTo(200);
        JsonNode echo = res.json();
        assertThat(map(echo.get("uri_args"))).isEqualTo(query);
        Map<String, Object> received = map(echo.get("headers"));
        ADDED.forEach(received::remove);
        assertThat(received).isEqualTo(headers);
        assertThat(map(echo.at("/post_data/params"))).isEqualTo(query);
    }

    private static Map<String, Object> map(JsonNode node) {
        return new LinkedHashMap<>(JSON.convertValue(node, new TypeReference<Map<String, Object>>() {}));
    }
}
