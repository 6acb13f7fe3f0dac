package io.tollgate.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 over a plain socket, for proxy requests a {@link java.net.http.HttpClient} will not send (any
 * {@code Host}, several values of one header, {@code Expect}, a body with or without {@code Content-Length}), and
 * responses with every header value kept.
 */
final class RawHttp {

    private RawHttp() {}

    /** A response: status, headers (lower-case names, every value in order) and body. */
    record Response(int status, Map<String, List<String>> headers, String body) {

        /** The first value of a header, or {@code null}. */
        @Nullable
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        /** Every value of a header; empty when absent. */
        List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        JsonNode json() {
            return new Http.Response(status, body).json();
        }
    }

    /** A request builder: {@code header(...)} as often as needed, then {@link #send}. */
    static final class Request {
        private final String method;
        private final String host;
        private final String target;
        private final List<String[]> headers = new ArrayList<>();
        private @Nullable String body;
        private boolean contentLength = true;
        private String version = "1.1";

        private Request(String method, String host, String target) {
            this.method = method;
            this.host = host;
            this.target = target;
        }

        Request header(String name, String value) {
            headers.add(new String[] {name, value});
            return this;
        }

        Request body(String body) {
            this.body = body;
            return this;
        }

        /** Sends the request line as {@code HTTP/1.0} instead of {@code HTTP/1.1}. */
        Request http10() {
            this.version = "1.0";
            return this;
        }

        /** Sends the body chunked, without {@code Content-Length}. */
        Request chunked() {
            this.contentLength = false;
            return this;
        }

        Response send(int port) throws IOException {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                StringBuilder head = new StringBuilder(
                        method + " " + target + " HTTP/" + version + "\r\nHost: " + host + "\r\nConnection: close\r\n");
                for (String[] h : headers) {
                    head.append(h[0]).append(": ").append(h[1]).append("\r\n");
                }
                byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
                String rest;
                if (!contentLength) {
                    head.append("Transfer-Encoding: chunked\r\n\r\n");
                    rest = Integer.toHexString(payload.length) + "\r\n"
                            + new String(payload, StandardCharsets.ISO_8859_1) + "\r\n0\r\n\r\n";
                } else {
                    head.append("Content-Length: ").append(payload.length).append("\r\n\r\n");
                    rest = new String(payload, StandardCharsets.ISO_8859_1);
                }
                OutputStream out = socket.getOutputStream();
                out.write((head + rest).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return parse(socket.getInputStream().readAllBytes());
            }
        }
    }

    static Request request(String method, String host, String target) {
        return new Request(method, host, target);
    }

    /** Polls {@code condition} (every 20 ms) until it holds; fails after {@code timeout}. */
    static void await(Callable<Boolean> condition, Duration timeout) {
        Awaitility.await()
                .atMost(timeout)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20))
                .ignoreExceptions()
                .until(condition);
    }

    static Response parse(byte[] bytes) {
        Response latin1 = parseLatin1(bytes);
        return new Response(
                latin1.status(),
                latin1.headers(),
                new String(latin1.body().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    /**
     * A raw response (interim 1xx responses skipped, a chunked body de-chunked) with its body as ISO-8859-1 text, one
     * char per byte, so {@code body().getBytes(ISO_8859_1)} gives the body's bytes back unchanged.
     */
    static Response parseLatin1(byte[] bytes) {
        String all = new String(bytes, StandardCharsets.ISO_8859_1);
        while (all.startsWith("HTTP/1.1 1")) { // an interim response (100 Continue): skip it
            all = all.substring(all.indexOf("\r\n\r\n") + 4);
        }
        int end = all.indexOf("\r\n\r\n");
        String[] lines = all.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(
                            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        String body = all.substring(end + 4);
        if (headers.containsKey("transfer-encoding")
                && "chunked".equalsIgnoreCase(headers.get("transfer-encoding").get(0))) {
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
        return new Response(status, headers, body);
    }
}
