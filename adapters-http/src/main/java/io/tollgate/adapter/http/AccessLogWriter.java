package io.tollgate.adapter.http;

/**
 * Where a listener's access log lines go (Kong's {@code proxy_access_log} / {@code admin_access_log}): one call per
 * completed request, on an I/O thread, so an implementation must not block (queue the line, drop it when full).
 *
 * <p>In {@link AccessLogFormat#COMBINED} (the default) {@link HttpServer} hands it {@link #FORMAT} lines; in
 * {@link AccessLogFormat#JSON} it hands it {@link AccessLogEntry entries}, which an implementation should turn into
 * {@link AccessLogJson} lines off the I/O thread.
 */
@FunctionalInterface
public interface AccessLogWriter {

    /** Nginx's {@code combined} format plus Kong's request id, which {@link HttpServer} writes. */
    String FORMAT = "%h - %u %t \"%r\" %s %B \"%{i,Referer}\" \"%{i,User-Agent}\" kong_request_id:"
            + " \"%{o,X-Kong-Request-Id}\"";

    /**
     * @param line one request in the {@code combined} format, without its line separator
     */
    void write(String line);

    /**
     * One request for a JSON log. By default encoded here, on the calling thread, and written as a line.
     *
     * @param entry what the request did; immutable
     */
    default void write(AccessLogEntry entry) {
        write(AccessLogJson.line(entry));
    }

    /** The format this log wants; {@link AccessLogFormat#COMBINED} unless overridden. */
    default AccessLogFormat format() {
        return AccessLogFormat.COMBINED;
    }
}
