package io.tollgate.adapter.http.proxy;

import io.undertow.util.HttpString;
import java.util.Objects;

/**
 * Undertow's {@link HttpString} for a header name the plugins and the proxy set by its {@link String} (Kong's
 * {@code X-Consumer-ID}, {@code X-RateLimit-Remaining-Minute}, a request-transformer's header), made once and shared:
 * {@link HttpString#tryFromString} shares only the standard names and copies every other one on each call, which
 * was about 1.3 KB of garbage per request with key-auth and rate-limiting. Bounded: past its capacity
 * ({@link #CAPACITY} for the node) distinct names (headers named from request data) a name is converted on each call,
 * as before. Thread-safe; an {@link HttpString} is immutable.
 */
final class HeaderNames {

    /** The most names the node keeps. */
    static final int CAPACITY = 4096;

    private static final HeaderNames SHARED = new HeaderNames(CAPACITY);

    private final BoundedMemo<String, HttpString> names;

    /** @param capacity the most names kept */
    HeaderNames(int capacity) {
        this.names = new BoundedMemo<>(capacity, HttpString::tryFromString);
    }

    /** {@code name} as Undertow's header name, from the node's shared names. */
    static HttpString of(String name) {
        return SHARED.get(name);
    }

    /** {@code name} as Undertow's header name (compared without case, as HTTP compares header names). */
    HttpString get(String name) {
        return Objects.requireNonNull(names.get(name), name);
    }
}
