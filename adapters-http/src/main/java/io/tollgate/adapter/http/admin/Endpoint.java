package io.tollgate.adapter.http.admin;

import io.undertow.server.HttpServerExchange;
import java.util.Set;

/**
 * One matched Admin API path: the methods it answers and what it does with them.
 *
 * @param methods upper-case HTTP method names
 */
record Endpoint(Set<String> methods, Action action) {

    Endpoint {
        methods = Set.copyOf(methods);
    }

    /** The behaviour of an endpoint; only called with one of its methods, on a worker thread. */
    @FunctionalInterface
    interface Action {
        void handle(String method, HttpServerExchange exchange) throws Exception;
    }
}
