package io.tollgate.adapter.http;

/**
 * Where a listener's access log lines go (Kong's {@code proxy_access_log} / {@code admin_access_log}): one call per
 * completed request, on an I/O thread, so an implementation must not block (queue the line, drop it when full).
 */
@FunctionalInterface
public interface AccessLogWriter {

    /** Nginx's {@code combined} format plus Kong's request id, which {@link HttpServer} writes. */
    String FORMAT = "%h - %u %t \"%r\" %s %B \"%{i,Referer}\" \"%{i,User-Agent}\" kong_request_id:"
            + " \"%{o,X-Kong-Request-Id}\"";

    /**
     * @param line one request, without its line separator
     */
    void write(String line);
}
