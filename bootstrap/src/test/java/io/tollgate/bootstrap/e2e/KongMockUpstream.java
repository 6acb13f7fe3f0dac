package io.tollgate.bootstrap.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real loopback upstream answering as Kong's spec fixture {@code mock_upstream} does for the endpoints Kong's proxy
 * specs call, so ported cases keep their paths and expectations:
 *
 * <ul>
 *   <li>{@code /status/{code}}: that status, with the echo as body;
 *   <li>{@code /basic-auth/{user}/{password}}: 200 with {@code {"authenticated":true,"user":…}} when the request's
 *       {@code Authorization: Basic} carries them, else 401 with {@code WWW-Authenticate};
 *   <li>anything else ({@code /anything}, {@code /get}, {@code /post}, {@code /request}, …): 200 with the echo.
 * </ul>
 *
 * <p>The echo is Kong's mock's JSON shape: {@code vars} ({@code uri} decoded, {@code request_uri} raw with its query,
 * {@code scheme}, {@code host}, {@code request_method}), {@code url}, {@code headers} (lower-case names; a repeated
 * header's values joined by {@code ", "}), {@code uri_args} (decoded; a repeated argument's values as a list) and
 * {@code post_data.text} (the raw body). Every answer carries {@code Server: mock_upstream}.
 */
final class KongMockUpstream implements AutoCloseable {

    private static final Pattern STATUS = Pattern.compile("^/status/(\\d{3})$");
    private static final Pattern BASIC_AUTH = Pattern.compile("^/basic-auth/([^/]+)/([^/]+)$");

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();

    KongMockUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    /** @return {@code http://127.0.0.1:<port>} */
    String url() {
        return "http://127.0.0.1:" + port();
    }

    /** @return the loopback port it listens on */
    int port() {
        return server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, Object> echo = echo(exchange);
            int status = 200;
            Matcher code = STATUS.matcher(path);
            Matcher auth = BASIC_AUTH.matcher(path);
            if (code.matches()) {
                status = Integer.parseInt(code.group(1));
            } else if (auth.matches()) {
                String expected = "Basic "
                        + Base64.getEncoder()
                                .encodeToString((auth.group(1) + ":" + auth.group(2)).getBytes(StandardCharsets.UTF_8));
                if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    exchange.getResponseHeaders().add("WWW-Authenticate", "mock_upstream");
                    send(exchange, 401, Map.of("message", "Unauthorized"));
                    return;
                }
                echo = new LinkedHashMap<>(Map.of("authenticated", true, "user", auth.group(1)));
            }
            send(exchange, status, echo);
        }
    }

    private void send(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        // like Kong's mock (an nginx), it names itself, so a proxy's Server header can be told apart
        exchange.getResponseHeaders().add("Server", "mock_upstream");
        if (status == 204 || status == 304 || exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, Object> echo(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        String host = exchange.getRequestHeaders().getFirst("Host");
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("uri", exchange.getRequestURI().getPath());
        vars.put("request_uri", rawPath + (rawQuery == null ? "" : "?" + rawQuery));
        vars.put("scheme", "http");
        vars.put("host", host == null ? "" : host.replaceFirst(":\\d+$", ""));
        vars.put("request_method", exchange.getRequestMethod());
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(", ", v)));
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("vars", vars);
        echo.put("url", "http://" + host + vars.get("request_uri"));
        echo.put("headers", headers);
        echo.put("uri_args", args(rawQuery));
        echo.put(
                "post_data",
                Map.of("text", EchoUpstream.utf8(exchange.getRequestBody().readAllBytes())));
        return echo;
    }

    private static Map<String, Object> args(String rawQuery) {
        Map<String, Object> args = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return args;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            Object value = eq < 0 ? Boolean.TRUE : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            args.merge(name, value, (a, b) -> a instanceof List<?> list ? append(list, b) : List.of(a, b));
        }
        return args;
    }

    private static List<Object> append(List<?> list, Object value) {
        List<Object> more = new java.util.ArrayList<>(list);
        more.add(value);
        return more;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
