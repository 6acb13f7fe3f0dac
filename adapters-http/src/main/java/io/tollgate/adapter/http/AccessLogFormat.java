package io.tollgate.adapter.http;

import java.util.Locale;

/**
 * How the node's access logs ({@code proxy_access_log}, {@code admin_access_log}) write a request: Tollgate's
 * {@code access_log_format} (Kong has nginx's {@code combined} only).
 */
public enum AccessLogFormat {
    /** Nginx's {@code combined} format plus Kong's {@code kong_request_id} ({@link AccessLogWriter#FORMAT}). */
    COMBINED,
    /** One JSON object per line ({@link AccessLogJson}), for log pipelines. */
    JSON;

    /** @return the value as written in the configuration, e.g. {@code json} */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
