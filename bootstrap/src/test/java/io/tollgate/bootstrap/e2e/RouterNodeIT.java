package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kong's router through one real node (embedded PostgreSQL) and a real upstream on loopback (kong-internals
 * §8.1–§8.4): routes are created over the Admin API, requests go through the proxy port with the {@code Host} and
 * headers each rule needs. Every route gets its own service whose path is {@code /<route name>}, so the echoed
 * upstream path tells which route matched.
 */
class RouterNodeIT {

    @RegisterExtension
    static final EchoNode node = EchoNode.of("router", Map.of());

    /** Creates service {@code name} ({@code <upstream>/<name>}) and a route {@code name} with the given fields. */
    static void route(String name, String fields) {
        Http.Response service = post(
                node.admin() + "/services",
                "{\"name\":\"" + name + "\",\"url\":\"" + node.upstreamUrl() + "/" + name + "\"}");
        assertThat(service.status()).as(service.body()).isEqualTo(201);
        Http.Response route =
                post(node.admin() + "/services/" + name + "/routes", "{\"name\":\"" + name + "\"," + fields + "}");
        assertThat(route.status()).as(route.body()).isEqualTo(201);
    }

    /** A response from the proxy: status, headers (lower-case names) and body. */
    record Raw(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            return new Http.Response(status, body).json();
        }

        /** The route that served the request (the first segment of the echoed upstream path), or the status. */
        String served() {
            if (status != 200) {
                return String.valueOf(status);
            }
            String path = json().get("path").asText();
            int slash = path.indexOf('/', 1);
            return slash < 0 ? path.substring(1) : path.substring(1, slash);
        }
    }

    /** Sends one HTTP/1.1 request to the proxy over a plain socket (so any {@code Host} can be sent). */
    static Raw send(String method, String host, String target, String... headers) throws IOException {
        return sendTo(node.proxyPort(), method, host, target, headers);
    }

    /** {@link #send} to the proxy listening on {@code port} of loopback (for other node tests). */
    static Raw sendTo(int port, String method, String host, String target, String... headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(
                    method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n");
            for (int i = 0; i < headers.length; i += 2) {
                request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            request.append("Content-Length: 0\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    static Raw get(String host, String target, String... headers) throws IOException {
        return send("GET", host, target, headers);
    }

    private static Raw parse(byte[] bytes) {
        String all = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = all.indexOf("\r\n\r\n");
        String[] lines = all.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        String body = all.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            StringBuilder decoded = new StringBuilder();
            int at = 0;
            while (true) {
                int lineEnd = body.indexOf("\r\n", at);
                int size = Integer.parseInt(
                        body.substring(at, lineEnd).split(";")[0].trim(), 16);
                if (size == 0) {
                    break;
                }
                decoded.append(body, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
            body = decoded.toString();
        }
        return new Raw(status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    @Test
    void hosts_exact_wildcards_and_ports() throws Exception {
        route("exact", "\"hosts\":[\"exact.test\"]");
        route("suffix", "\"hosts\":[\"*.wild.test\"]");
        route("prefix", "\"hosts\":[\"pre.*\"]");
        route("ported", "\"hosts\":[\"port.test:" + node.proxyPort() + "\"]");
        route("otherport", "\"hosts\":[\"port2.test:1\"]");

        assertThat(get("exact.test", "/").served()).isEqualTo("exact");
        assertThat(get("EXACT.test:8000", "/x").served()).isEqualTo("exact");
        assertThat(get("other.test", "/").served()).isEqualTo("404");
        assertThat(get("a.b.wild.test", "/").served()).isEqualTo("suffix");
        assertThat(get("wild.test", "/").served()).isEqualTo("404");
        assertThat(get("pre.example.com", "/").served()).isEqualTo("prefix");
        assertThat(get("port.test", "/").served()).isEqualTo("ported");
        assertThat(get("port2.test", "/").served()).isEqualTo("404");
    }

    @Test
    void regex_beats_prefix_and_regex_priority_orders_regexes_and_the_longest_prefix_wins() throws Exception {
        route("pfx", "\"paths\":[\"/users/42/profile\"]");
        route("rxlow", "\"paths\":[\"~/users/\\\\d+\"],\"regex_priority\":1");
        route("rxhigh", "\"paths\":[\"~/users/4\\\\d*\"],\"regex_priority\":5");
        route("short", "\"paths\":[\"/lp\"]");
        route("long", "\"paths\":[\"/lp/deep\"]");

        assertThat(get("any.test", "/users/42/profile").served()).isEqualTo("rxhigh");
        assertThat(get("any.test", "/users/9/profile").served()).isEqualTo("rxlow");
        assertThat(get("any.test", "/x/users/9").served())
                .as("regexes are anchored")
                .isEqualTo("404");
        assertThat(get("any.test", "/lp/deep/x").served()).isEqualTo("long");
        assertThat(get("any.test", "/lp/deeper").served()).isEqualTo("long");
        assertThat(get("any.test", "/lp/x").served()).isEqualTo("short");
    }

    @Test
    void methods_and_headers_exact_and_regex() throws Exception {
        route("posts", "\"paths\":[\"/m\"],\"methods\":[\"POST\"]");
        route("anym", "\"paths\":[\"/m\"]");
        route("hdr", "\"paths\":[\"/h\"],\"headers\":{\"x-version\":[\"v2\"]}");
        route("hdrre", "\"paths\":[\"/h\"],\"headers\":{\"x-env\":[\"~*^prod-\\\\d+$\"]}");
        route("hplain", "\"paths\":[\"/h\"]");

        assertThat(send("POST", "m.test", "/m").served()).isEqualTo("posts");
        assertThat(get("m.test", "/m").served()).isEqualTo("anym");
        assertThat(get("h.test", "/h", "X-Version", "V2").served()).isEqualTo("hdr");
        assertThat(get("h.test", "/h", "X-Env", "PROD-7").served()).isEqualTo("hdrre");
        assertThat(get("h.test", "/h", "X-Env", "dev-7", "X-Version", "v3").served())
                .isEqualTo("hplain");
    }

    @Test
    void equal_priorities_go_to_the_larger_route_id_whatever_its_age() throws Exception {
        route(
                "older",
                "\"paths\":[\"/tie\"],\"created_at\":1000000000,\"id\":\"f0000000-0000-4000-8000-000000000001\"");
        route(
                "newer",
                "\"paths\":[\"/tie\"],\"created_at\":2000000000,\"id\":\"00000000-0000-4000-8000-000000000002\"");

        assertThat(get("t.test", "/tie/x").served()).isEqualTo("older");
    }

    @Test
    void strip_path_path_handling_and_preserve_host() throws Exception {
        route("sv0", "\"paths\":[\"/r0\"]");
        route("sv1", "\"paths\":[\"/r1\"],\"path_handling\":\"v1\"");
        route("nostrip", "\"paths\":[\"/ns\"],\"strip_path\":false");
        route("keep", "\"hosts\":[\"keep.test\"],\"preserve_host\":true");

        assertThat(get("p.test", "/r0x?a=1").json().get("path").asText()).isEqualTo("/sv0/x");
        assertThat(get("p.test", "/r0x?a=1").json().get("query").asText()).isEqualTo("a=1");
        assertThat(get("p.test", "/r0/").json().get("path").asText()).isEqualTo("/sv0/");
        assertThat(get("p.test", "/r1x").json().get("path").asText()).isEqualTo("/sv1x");
        assertThat(get("p.test", "/ns/a").json().get("path").asText()).isEqualTo("/nostrip/ns/a");
        assertThat(get("keep.test", "/k").json().get("headers").get("host").asText())
                .isEqualTo("keep.test");
        assertThat(get("p.test", "/r0").json().get("headers").get("host").asText())
                .isEqualTo(node.upstreamUrl().substring("http://".length()));
    }

    /** Kong's path-handling table rows for routes without paths (hosts only), {@code strip_path} on. */
    @Test
    void strip_path_on_a_hosts_only_route_joins_as_kong_does() throws Exception {
        route("hostsonly", "\"hosts\":[\"ho.test\"],\"strip_path\":true");
        route("hostsonlyv1", "\"hosts\":[\"ho1.test\"],\"strip_path\":true,\"path_handling\":\"v1\"");

        assertThat(get("ho.test", "/").json().get("path").asText()).isEqualTo("/hostsonly");
        assertThat(get("ho.test", "/route/").json().get("path").asText()).isEqualTo("/hostsonly/route/");
        assertThat(get("ho1.test", "/").json().get("path").asText()).isEqualTo("/hostsonlyv1");
        assertThat(get("ho1.test", "/route").json().get("path").asText()).isEqualTo("/hostsonlyv1route");
    }

    /**
     * Kong's router normalization: matching and the upstream path use the normalized path (dot segments, also
     * percent-encoded, removed; slashes merged; unreserved characters decoded), {@code %2F} stays encoded, and
     * {@code X-Forwarded-Path} carries the client's raw path.
     */
    @Test
    void the_normalized_path_is_matched_and_forwarded_and_the_raw_one_kept_in_x_forwarded_path() throws Exception {
        route("norm", "\"paths\":[\"/norm/\"],\"strip_path\":false");

        Raw merged = get("n.test", "//norm//a/./b/../%63?q=1");
        assertThat(merged.json().get("path").asText()).isEqualTo("/norm/norm/a/c");
        assertThat(merged.json().get("query").asText()).isEqualTo("q=1");
        assertThat(merged.json().get("headers").get("x-forwarded-path").asText())
                .isEqualTo("//norm//a/./b/../%63");
        assertThat(get("n.test", "/norm/x/%2E%2E/%2e%2e/norm/y")
                        .json()
                        .get("path")
                        .asText())
                .isEqualTo("/norm/norm/y");
        assertThat(get("n.test", "/norm/foo%2fbar").json().get("path").asText())
                .as("an encoded slash is no segment boundary and stays encoded (upper-cased)")
                .isEqualTo("/norm/norm/foo%2Fbar");
        assertThat(get("n.test", "/norm/%2E%2E/x").status())
                .as("/norm/../x is /x: no route")
                .isEqualTo(404);
    }

    /**
     * Kong 3 decodes every percent-encoding but those of reserved characters before matching, and escapes the path
     * again when forwarding (Kong's spec "issue #2512 does not double percent-encode upstream URLs"): a route written
     * with raw UTF-8 and {@code |} matches the encoded request, a regex sees the decoded characters, and the upstream
     * gets the bytes the client sent (escapes upper-cased).
     */
    @Test
    void characters_outside_rfc_3986_are_matched_decoded_and_forwarded_escaped() throws Exception {
        route("utf8", "\"paths\":[\"/ä/x|\"],\"strip_path\":false");
        route("utf8re", "\"paths\":[\"~/re/ö+$\"],\"strip_path\":false");

        assertThat(get("u.test", "/%C3%A4/x%7c/a%20b").json().get("path").asText())
                .isEqualTo("/utf8/%C3%A4/x%7C/a%20b");
        assertThat(get("u.test", "/re/%c3%b6%C3%B6").json().get("path").asText())
                .isEqualTo("/utf8re/re/%C3%B6%C3%B6");
        assertThat(get("u.test", "/re/o").status()).isEqualTo(404);
    }

    /**
     * Raw (unescaped) UTF-8 in the request target, which nginx takes as it comes: read as its percent-escapes, so it
     * matches and reaches plugins as the escaped form would; upstream, the path goes escaped and the query as it came,
     * raw bytes and all, as Kong forwards them. Control characters in the target are refused with 400 as nginx refuses them: a raw CR or TAB in the
     * query must never reach the upstream's request line.
     */
    @Test
    void raw_utf8_in_the_request_target_reads_as_its_escapes_and_control_characters_are_refused() throws Exception {
        route("rawutf8", "\"paths\":[\"/ü/\"],\"strip_path\":false");

        Raw unescaped = get("r.test", latin1("/ü/x|y/円?q=é&r=%20"));
        assertThat(unescaped.status()).as(unescaped.body()).isEqualTo(200);
        assertThat(unescaped.json().get("path").asText()).isEqualTo("/rawutf8/%C3%BC/x%7Cy/%E5%86%86");
        assertThat(unescaped.json().get("query").asText())
                .as("the query's raw bytes as sent (the upstream reads them as ISO-8859-1)")
                .isEqualTo(latin1("q=é&r=%20"));
        route("rawutf8q", "\"paths\":[\"/ö/\"],\"strip_path\":false");
        String addArg = "{\"name\":\"request-transformer\",\"config\":{\"add\":{\"querystring\":[\"x:1\"]}}}";
        assertThat(post(node.admin() + "/routes/rawutf8q/plugins", addArg).status())
                .isEqualTo(201);
        String rewritten = get("r.test", latin1("/ö/x?q=é")).json().get("query").asText();
        assertThat(rewritten)
                .as("a query a plugin rewrote goes as the plugin left it")
                .isEqualTo("q=%C3%A9&x=1");

        for (String target : List.of("/ü/x?a\rb", "/ü/x?a\tb", "/ü/x?a\u0001b", "/ü/x\u007f")) {
            Raw refused = get("r.test", latin1(target));
            assertThat(refused.status()).as(target).isEqualTo(400);
            assertThat(refused.headers().get("connection")).as(target).isEqualTo("close");
        }
    }

    /** {@code text}'s UTF-8 bytes as ISO-8859-1 chars: what {@link #send} writes is then the raw UTF-8. */
    private static String latin1(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Test
    void https_only_routes_answer_426_or_redirect() throws Exception {
        route("tls426", "\"paths\":[\"/secure\"],\"protocols\":[\"https\"]");
        route("tls301", "\"paths\":[\"/moved\"],\"protocols\":[\"https\"],\"https_redirect_status_code\":301");

        Raw upgrade = get("s.test", "/secure");
        assertThat(upgrade.status()).isEqualTo(426);
        assertThat(upgrade.body()).contains("Please use HTTPS protocol");
        assertThat(upgrade.headers().get("upgrade")).isEqualTo("TLS/1.2, HTTP/1.1");

        Raw moved = get("redirect.test", "/moved/a?b=1");
        assertThat(moved.status()).isEqualTo(301);
        assertThat(moved.headers().get("location")).isEqualTo("https://redirect.test/moved/a?b=1");
    }
}
