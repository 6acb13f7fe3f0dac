package io.tollgate.adapter.http.admin;

import io.tollgate.adapter.http.edge.RequestTargets;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.URLUtils;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The Admin API's request target, read as nginx reads Kong's: a raw control character (below 0x20, or DEL) in the
 * path or query string is refused with 400 {@code {"message":"Bad request"}} (nginx refuses such a request line),
 * while its percent-escape ({@code %0D}) is data, like any other escape.
 *
 * <p>The Admin API's listeners take the target without Undertow's decoding ({@code DECODE_URL} off), so that a raw
 * control character and its escape stay apart; {@link #decode} then decodes the path and the query arguments exactly
 * as Undertow would have (its own {@link URLUtils#decode}, UTF-8: in the path every escape but {@code %2F}, in the
 * query {@code +} as a space too). On a listener that decodes already, nothing is decoded twice and no check runs.
 */
final class RequestTarget {

    private RequestTarget() {}

    /**
     * Checks and decodes the exchange's request path, relative path and query arguments in place.
     *
     * @throws ClientError 400 {@code Bad request} for a raw control character, or an escape that is not UTF-8
     */
    static void decode(HttpServerExchange exchange) {
        if (exchange.getConnection().getUndertowOptions().get(UndertowOptions.DECODE_URL, true)) {
            return;
        }
        if (RequestTargets.hasControlCharacter(exchange.getRequestURI())
                || RequestTargets.hasControlCharacter(exchange.getQueryString())) {
            throw ClientError.badRequest("Bad request");
        }
        StringBuilder buffer = new StringBuilder();
        try {
            exchange.setRequestPath(URLUtils.decode(exchange.getRequestPath(), "UTF-8", false, false, buffer));
            exchange.setRelativePath(URLUtils.decode(exchange.getRelativePath(), "UTF-8", false, false, buffer));
            Map<String, Deque<String>> raw = exchange.getQueryParameters();
            if (raw.isEmpty()) {
                return;
            }
            List<Map.Entry<String, Deque<String>>> sent = new ArrayList<>(raw.entrySet());
            raw.clear();
            for (Map.Entry<String, Deque<String>> parameter : sent) {
                String name = URLUtils.decode(parameter.getKey(), "UTF-8", true, true, buffer);
                for (String value : parameter.getValue()) {
                    exchange.addQueryParam(name, URLUtils.decode(value, "UTF-8", true, true, buffer));
                }
            }
        } catch (IllegalArgumentException e) {
            throw ClientError.badRequest("Bad request");
        }
    }

    /**
     * Where the bytes of a raw target component (as the listener reports it: a raw byte as the char of the same value)
     * stop being UTF-8 once its escapes are undone, as Kong's {@code validate_utf8} counts: the 1-based position of
     * the first byte of the first malformed sequence, or 0 when it is all UTF-8. {@link #decode} reads such a
     * sequence as U+FFFD; the endpoints that Kong answers 400 for it ask here.
     */
    static int malformedAt(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && isHex(raw, i + 1)) {
                bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        ByteBuffer in = ByteBuffer.wrap(bytes.toByteArray());
        CharsetDecoder utf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = utf8.decode(in, CharBuffer.allocate(in.remaining()), true);
        return result.isError() ? in.position() + 1 : 0;
    }

    private static boolean isHex(String raw, int at) {
        return Character.digit(raw.charAt(at), 16) >= 0 && Character.digit(raw.charAt(at + 1), 16) >= 0;
    }
}
