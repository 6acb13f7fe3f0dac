package io.tollgate.bootstrap.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;

/**
 * A real loopback upstream answering as Kong's spec fixture {@code mock_upstream} does for the endpoints Kong's proxy
 * specs call, so ported cases keep their paths and expectations:
 *
 * <ul>
 *   <li>{@code /status/{code}}: that status, with the echo plus {@code "code": <code>} as body;
 *   <li>{@code /response-headers?name=value…}: 200 with the echo, each query argument also a response header (a
 *       repeated argument as repeated header lines; a {@code Content-Type} argument replacing the echo's
 *       {@code application/json});
 *   <li>{@code /basic-auth/{user}/{password}}: 200 with {@code {"authenticated":true,"user":…}} when the request's
 *       {@code Authorization: Basic} carries them, else 401 with {@code WWW-Authenticate};
 *   <li>{@code /cache/{n}}: 200 with the echo and {@code Cache-Control: public, max-age=n};
 *   <li>{@code /xml}: 200 with a small XML document as {@code application/xml};
 *   <li>{@code /stream/{n}}: 200 with the echo on {@code n} lines, chunked (no {@code Content-Length});
 *   <li>{@code /delay/{n}}: 200 with the echo after {@code n} seconds (the mock's {@code ngx.sleep});
 *   <li>{@code /echo_sni}: 200 with the text {@code SNI=<name>}, the SNI the client sent (the mock's
 *       {@code $ssl_server_name}; {@code no SNI} without one or over plain HTTP);
 *   <li>the mock's other locations ({@code /}, {@code /anything…}, {@code /request…}, {@code /get…},
 *       {@code /post…}, …): 200 with the echo;
 *   <li>any path none of the mock's locations takes ({@code /users/1}, {@code /fixture/get}): 404 with the echo,
 *       as the mock's catch-all answers there.
 * </ul>
 *
 * <p>The echo is Kong's mock's JSON shape: {@code vars} ({@code uri} decoded, {@code request_uri} raw with its query,
 * {@code scheme}, {@code host}, {@code request_method}, {@code remote_addr}), {@code url}, {@code headers}
 * (lower-case names; a repeated header's values joined by {@code ", "}), {@code uri_args} (decoded; a repeated
 * argument's values as a list) and {@code post_data.text} (the raw body) with {@code post_data.params} (a form, JSON
 * or multipart body's arguments; for a JSON body that does not parse, {@code post_data.kind} {@code "json (error)"}
 * and {@code post_data.error}).
 * Made with an {@link SSLContext}, it is Kong's {@code mock_upstream_ssl}: it speaks TLS and its echo also gives
 * {@code vars.ssl_server_name}, the SNI the client sent or {@code "no SNI"}.
 * Every answer carries {@code Server: mock_upstream}. {@link #connections()} counts the client connections it has
 * served (distinct client address and port), so a test can see whether a proxy reused its upstream connections.
 */
final class KongMockUpstream implements AutoCloseable {

    private static final Pattern STATUS = Pattern.compile("^/status/(\\d{3})$");
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)");
    private static final Pattern PART_NAME = Pattern.compile("name=\"([^\"]*)\"");
    private static final Pattern CACHE = Pattern.compile("^/cache/(\\d+)$");
    private static final Pattern STREAM = Pattern.compile("^/stream/(\\d+)$");
    private static final Pattern DELAY = Pattern.compile("^/delay/(\\d+)$");
    private static final String XML =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><note><body>Kong, Monolith destroyer.</body></note>";
    private static final Pattern BASIC_AUTH = Pattern.compile("^/basic-auth/([^/]+)/([^/]+)$");
    /** The paths the mock's other nginx locations take (prefix, exact or regex locations). */
    private static final Pattern LOCATIONS = Pattern.compile("^/$|^/(get|post|xml|request|anything)"
            + "|^/(response-headers|hop-by-hop|echo_sni|ws|ocsp|set_ocsp)$|^/(cache|delay|stream)/\\d+$"
            + "|^/(post_log|post_auth_log|read_log|count_log|reset_log)/");

    private final HttpServer server;
    private final ObjectMapper json = new ObjectMapper();
    private final Set<String> connections = ConcurrentHashMap.newKeySet();

    KongMockUpstream() throws IOException {
        this(null);
    }

    /** @param tls the server's TLS context (its certificate), or {@code null} for plain HTTP */
    KongMockUpstream(@Nullable SSLContext tls) throws IOException {
        if (tls == null) {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } else {
            HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        server.createContext("/", this::answer);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    /** @return {@code http://127.0.0.1:<port>} ({@code https://} when it speaks TLS) */
    String url() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + port();
    }

    /** @return how many client connections (distinct client address and port) it has served requests on */
    int connections() {
        return connections.size();
    }

    /** @return the loopback port it listens on */
    int port() {
        return server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            connections.add(exchange.getRemoteAddress().toString());
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/echo_sni")) {
                exchange.getRequestBody().readAllBytes();
                String sni = exchange instanceof HttpsExchange https ? serverName(https.getSSLSession()) : "no SNI";
                sendBytes(exchange, 200, "text/plain", ("SNI=" + sni).getBytes(StandardCharsets.UTF_8), false);
                return;
            }
            Map<String, Object> echo = echo(exchange);
            int status = 200;
            Matcher code = STATUS.matcher(path);
            Matcher auth = BASIC_AUTH.matcher(path);
            Matcher cache = CACHE.matcher(path);
            Matcher stream = STREAM.matcher(path);
            Matcher delay = DELAY.matcher(path);
            if (delay.matches()) {
                pause(Duration.ofSeconds(Long.parseLong(delay.group(1))));
            }
            if (cache.matches()) {
                exchange.getResponseHeaders().add("Cache-Control", "public, max-age=" + cache.group(1));
            } else if (path.equals("/xml")) {
                sendBytes(exchange, 200, "application/xml", XML.getBytes(StandardCharsets.UTF_8), false);
                return;
            } else if (stream.matches()) {
                byte[] line = (json.writeValueAsString(echo) + "\n").getBytes(StandardCharsets.UTF_8);
                byte[] lines = new byte[line.length * Integer.parseInt(stream.group(1))];
                for (int at = 0; at < lines.length; at += line.length) {
                    System.arraycopy(line, 0, lines, at, line.length);
                }
                sendBytes(exchange, 200, "application/json", lines, true);
                return;
            }
            if (code.matches()) {
                status = Integer.parseInt(code.group(1));
                echo.put("code", status);
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
            } else if (path.equals("/response-headers")) {
                args(exchange.getRequestURI().getRawQuery()).forEach((name, value) -> {
                    for (Object one : value instanceof List<?> list ? list : List.of(value)) {
                        exchange.getResponseHeaders().add(name, String.valueOf(one));
                    }
                });
            } else if (!LOCATIONS.matcher(path).find()) {
                status = 404;
            }
            send(exchange, status, echo);
        }
    }

    /** The mock's delay: holds this answer (one of the mock's worker threads), as Kong's mock sleeps. */
    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        sendBytes(exchange, status, "application/json", json.writeValueAsBytes(body), false);
    }

    /** Sends {@code bytes} as {@code type} (unless a header already set it), chunked when asked. */
    private static void sendBytes(HttpExchange exchange, int status, String type, byte[] bytes, boolean chunked)
            throws IOException {
        if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().add("Content-Type", type);
        }
        // like Kong's mock (an nginx), it names itself, so a proxy's Server header can be told apart
        exchange.getResponseHeaders().add("Server", "mock_upstream");
        if (status == 204 || status == 304 || exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, chunked ? 0 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, Object> echo(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        String host = exchange.getRequestHeaders().getFirst("Host");
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("uri", exchange.getRequestURI().getPath());
        vars.put("request_uri", rawPath + (rawQuery == null ? "" : "?" + rawQuery));
        vars.put("scheme", exchange instanceof HttpsExchange ? "https" : "http");
        if (exchange instanceof HttpsExchange https) {
            vars.put("ssl_server_name", serverName(https.getSSLSession()));
        }
        vars.put("host", host == null ? "" : host.replaceFirst(":\\d+$", ""));
        vars.put("request_method", exchange.getRequestMethod());
        vars.put("remote_addr", remoteAddress(exchange));
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(", ", v)));
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("vars", vars);
        echo.put("url", vars.get("scheme") + "://" + host + vars.get("request_uri"));
        echo.put("headers", headers);
        echo.put("uri_args", args(rawQuery));
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, Object> postData = new LinkedHashMap<>();
        postData.put("text", EchoUpstream.utf8(body));
        Object params = params(exchange.getRequestHeaders().getFirst("Content-Type"), body);
        if (params != null) {
            postData.put("params", params);
        }
        String error = jsonError(exchange.getRequestHeaders().getFirst("Content-Type"), body);
        if (error != null) {
            postData.put("kind", "json (error)");
            postData.put("error", error);
        }
        echo.put("post_data", postData);
        return echo;
    }

    /**
     * Kong's mock's {@code $remote_addr}: the peer, or, from {@code 127.0.0.1} (the mock's {@code set_real_ip_from}),
     * the client address the proxy passes upstream in {@code X-Real-IP} (Kong and Tollgate send it whatever the
     * node's {@code real_ip_header}).
     */
    private static String remoteAddress(HttpExchange exchange) {
        String peer = exchange.getRemoteAddress().getAddress().getHostAddress();
        String realIp = exchange.getRequestHeaders().getFirst("X-Real-IP");
        return peer.equals("127.0.0.1") && realIp != null && !realIp.isBlank() ? realIp.trim() : peer;
    }

    private static String serverName(SSLSession session) {
        if (session instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName hostName) {
                    return hostName.getAsciiName();
                }
            }
        }
        return "no SNI";
    }

    /**
     * Kong's mock's {@code post_data.params}: a form body's arguments, a JSON body's value or a multipart body's
     * fields; {@code null} for other types.
     */
    private static Object params(String contentType, byte[] body) throws IOException {
        String type = contentType == null ? "" : contentType.toLowerCase();
        String text = new String(body, StandardCharsets.UTF_8);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return args(text);
        }
        if (type.startsWith("application/json")) {
            try {
                return text.isBlank() ? null : new ObjectMapper().readValue(text, Object.class);
            } catch (IOException notJson) {
                return null;
            }
        }
        Matcher boundary = BOUNDARY.matcher(contentType == null ? "" : contentType);
        if (type.startsWith("multipart/form-data") && boundary.find()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (String part : text.split("--" + Pattern.quote(boundary.group(1)))) {
                int end = part.indexOf("\r\n\r\n");
                Matcher name = PART_NAME.matcher(end < 0 ? "" : part.substring(0, end));
                if (name.find()) {
                    String value = part.substring(end + 4);
                    fields.put(name.group(1), value.endsWith("\r\n") ? value.substring(0, value.length() - 2) : value);
                }
            }
            return fields;
        }
        return null;
    }

    /** Why a non-empty {@code application/json} body does not parse, or {@code null}. */
    private static @Nullable String jsonError(@Nullable String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json") || body.length == 0) {
            return null;
        }
        try {
            new ObjectMapper().readTree(body);
            return null;
        } catch (IOException notJson) {
            return String.valueOf(notJson.getMessage());
        }
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
