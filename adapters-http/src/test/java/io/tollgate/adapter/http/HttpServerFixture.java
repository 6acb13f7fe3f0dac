package io.tollgate.adapter.http;

import io.tollgate.application.port.in.ServerCertificates;
import io.tollgate.application.port.in.TlsCertificates;
import io.undertow.server.HttpHandler;

/** {@link HttpServer}s for tests: GUI and status listeners answer 404, and by default no TLS certificates. */
final class HttpServerFixture {

    private HttpServerFixture() {}

    static HttpServer server(
            HttpSettings settings, HttpHandler proxyHandler, HttpHandler adminHandler, UndertowStatistics statistics) {
        return server(settings, proxyHandler, adminHandler, statistics, () -> TlsCertificates.EMPTY);
    }

    static HttpServer server(
            HttpSettings settings,
            HttpHandler proxyHandler,
            HttpHandler adminHandler,
            UndertowStatistics statistics,
            ServerCertificates certificates) {
        return new HttpServer(
                settings,
                proxyHandler,
                adminHandler,
                exchange -> exchange.setStatusCode(404),
                exchange -> exchange.setStatusCode(404),
                statistics,
                certificates);
    }
}
