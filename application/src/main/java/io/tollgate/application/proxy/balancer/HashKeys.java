package io.tollgate.application.proxy.balancer;

import io.tollgate.application.port.in.ProxyExchange;
import io.tollgate.domain.upstream.Upstream;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The {@code consistent-hashing} key of a request, from the upstream's {@code hash_on} and, when that yields nothing,
 * {@code hash_fallback} (kong-internals §6.5, §8.6): {@code consumer} (the authenticated consumer's id, as the
 * authentication plugins pass it upstream in {@code X-Consumer-ID}), {@code ip} (the client address), {@code header}
 * (all values joined by {@code ,}), {@code cookie} (when absent Kong creates one: a random value sent back in
 * {@code Set-Cookie} with {@code hash_on_cookie_path}, and used as the key), {@code path} (the normalized path),
 * {@code query_arg} (all values joined by {@code ,}), {@code uri_capture} (a named or numbered capture of the route's
 * regex path), {@code none} (no key). A request for which neither mode yields a key hashes the empty string, as in
 * Kong ({@code get_value_to_hash(...) or ""}), so all such requests go to the same target.
 */
public final class HashKeys {

    private HashKeys() {}

    /**
     * @param upstream the upstream
     * @param exchange the request after the access phase (plugins may have set {@code X-Consumer-ID})
     * @param path the normalized request path
     * @param captures the route's regex captures by name or number ({@code null} when absent)
     * @return the key ({@code ""} when neither mode yields one), or {@code null} for an upstream that does not use
     *     {@code consistent-hashing}
     */
    public static @Nullable String of(
            Upstream upstream, ProxyExchange exchange, String path, Function<String, @Nullable String> captures) {
        if (!"consistent-hashing".equals(upstream.algorithm())) {
            return null;
        }
        String key = key(upstream, upstream.hashOn(), false, exchange, path, captures);
        if (key == null || key.isEmpty()) {
            key = key(upstream, upstream.hashFallback(), true, exchange, path, captures);
        }
        // Kong hashes the empty string when neither mode yields a key: every such request goes to one target
        return key == null ? "" : key;
    }

    private static @Nullable String key(
            Upstream upstream,
            String mode,
            boolean fallback,
            ProxyExchange exchange,
            String path,
            Function<String, @Nullable String> captures) {
        String prefix = fallback ? "hash_fallback_" : "hash_on_";
        return switch (mode) {
            case "consumer" -> exchange.header("X-Consumer-ID");
            case "ip" -> exchange.clientAddress();
            case "header" -> joined(exchange.headerValues(param(upstream, prefix + "header")));
            case "cookie" -> cookie(upstream, exchange);
            case "path" -> path;
            case "query_arg" -> joined(exchange.queryValues(param(upstream, prefix + "query_arg")));
            case "uri_capture" -> captures.apply(param(upstream, prefix + "uri_capture"));
            default -> null;
        };
    }

    private static String param(Upstream upstream, String field) {
        return upstream.hashParameters().getOrDefault(field, "");
    }

    private static @Nullable String joined(List<String> values) {
        return values.isEmpty() ? null : String.join(",", values);
    }

    /** The {@code hash_on_cookie} value, or a new one set on the response (Kong sets it when missing). */
    private static String cookie(Upstream upstream, ProxyExchange exchange) {
        String name = param(upstream, "hash_on_cookie");
        for (String header : exchange.headerValues("Cookie")) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                    String value = pair.substring(eq + 1).trim();
                    if (!value.isEmpty()) {
                        return value;
                    }
                }
            }
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String value = new UUID(
                        (random.nextLong() & ~0xf000L) | 0x4000L,
                        (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L)
                .toString()
                .toLowerCase(Locale.ROOT);
        String cookiePath = upstream.hashParameters().getOrDefault("hash_on_cookie_path", "/");
        exchange.addResponseHeader("Set-Cookie", name + "=" + value + "; Path=" + cookiePath);
        return value;
    }
}
