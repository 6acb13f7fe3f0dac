package io.tollgate.bootstrap.config;

import io.tollgate.adapter.http.edge.EdgeSettings;
import io.tollgate.adapter.http.edge.ErrorTemplates;
import io.tollgate.adapter.http.edge.KongHeaders;
import io.tollgate.adapter.http.edge.Lingering;
import io.tollgate.adapter.http.edge.PortMaps;
import io.tollgate.adapter.http.edge.TrustedIps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The proxy's edge properties ({@code trusted_ips}, {@code real_ip_header}, {@code real_ip_recursive},
 * {@code headers}, {@code headers_upstream}, {@code error_default_type}, {@code nginx_http_client_max_body_size},
 * {@code nginx_http_large_client_header_buffers}, {@code nginx_http_client_header_timeout},
 * {@code nginx_http_client_body_timeout}, {@code nginx_http_lingering_close}, {@code nginx_http_lingering_time},
 * {@code nginx_http_lingering_timeout}, {@code proxy_refuse_path_traversal}, {@code allow_debug_header},
 * {@code error_template_html}, {@code _json}, {@code _xml}, {@code _plain}, {@code port_maps}): parsed into the HTTP adapter's {@link EdgeSettings}, and shown
 * back for {@code GET /}.
 */
final class EdgeProperties {
    private EdgeProperties() {}

    /**
     * @param values a property's resolved value (default applied), or empty when unset
     * @throws ConfigException naming the first invalid property
     */
    static EdgeSettings parse(Function<Property, @Nullable String> values) {
        String trusted = values.apply(Property.TRUSTED_IPS);
        String portMaps = values.apply(Property.PORT_MAPS);
        String maxBody = values.apply(Property.NGINX_HTTP_CLIENT_MAX_BODY_SIZE);
        String buffers = values.apply(Property.NGINX_HTTP_LARGE_CLIENT_HEADER_BUFFERS);
        int[] headerBuffers =
                check(Property.NGINX_HTTP_LARGE_CLIENT_HEADER_BUFFERS, buffers, EdgeSettings::headerBuffers);
        return new EdgeSettings(
                trusted == null
                        ? TrustedIps.NONE
                        : check(Property.TRUSTED_IPS, trusted, v -> TrustedIps.parse(EdgeSettings.list(v))),
                check(Property.REAL_IP_HEADER, values.apply(Property.REAL_IP_HEADER), EdgeSettings::realIpHeader),
                bool(values.apply(Property.REAL_IP_RECURSIVE)),
                check(Property.HEADERS, values.apply(Property.HEADERS), v -> KongHeaders.parse(EdgeSettings.list(v))),
                check(
                        Property.HEADERS_UPSTREAM,
                        values.apply(Property.HEADERS_UPSTREAM),
                        v -> KongHeaders.parseUpstream(EdgeSettings.list(v))),
                check(Property.ERROR_DEFAULT_TYPE, values.apply(Property.ERROR_DEFAULT_TYPE), EdgeSettings::errorType),
                check(Property.NGINX_HTTP_CLIENT_MAX_BODY_SIZE, maxBody, EdgeSettings::size),
                headerBuffers[0],
                headerBuffers[1],
                timeMs(values, Property.NGINX_HTTP_CLIENT_HEADER_TIMEOUT),
                timeMs(values, Property.NGINX_HTTP_CLIENT_BODY_TIMEOUT),
                bool(values.apply(Property.PROXY_REFUSE_PATH_TRAVERSAL)),
                bool(values.apply(Property.ALLOW_DEBUG_HEADER)),
                new ErrorTemplates(
                        template(Property.ERROR_TEMPLATE_HTML, values.apply(Property.ERROR_TEMPLATE_HTML)),
                        template(Property.ERROR_TEMPLATE_JSON, values.apply(Property.ERROR_TEMPLATE_JSON)),
                        template(Property.ERROR_TEMPLATE_XML, values.apply(Property.ERROR_TEMPLATE_XML)),
                        template(Property.ERROR_TEMPLATE_PLAIN, values.apply(Property.ERROR_TEMPLATE_PLAIN))),
                portMaps == null
                        ? PortMaps.NONE
                        : check(Property.PORT_MAPS, portMaps, v -> PortMaps.parse(EdgeSettings.list(v))),
                new Lingering(
                        check(
                                Property.NGINX_HTTP_LINGERING_CLOSE,
                                values.apply(Property.NGINX_HTTP_LINGERING_CLOSE),
                                Lingering.Close::parse),
                        timeMs(values, Property.NGINX_HTTP_LINGERING_TIME),
                        timeMs(values, Property.NGINX_HTTP_LINGERING_TIMEOUT)));
    }

    /**
     * One nginx time property ({@link EdgeSettings#timeMs}).
     *
     * @return the time in ms
     * @throws ConfigException when it is malformed or not positive
     */
    private static long timeMs(Function<Property, @Nullable String> values, Property property) {
        return check(property, values.apply(property), EdgeSettings::timeMs);
    }

    /**
     * Reads one {@code error_template_*} file (a path, relative to the working directory as Kong's is), UTF-8.
     *
     * @return the template, or {@code null} when the property is unset or blank
     * @throws ConfigException when the file cannot be read or its placeholders are not Kong's
     */
    private static ErrorTemplates.@Nullable Template template(Property property, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text;
        try {
            text = Files.readString(Path.of(value.trim()), StandardCharsets.UTF_8);
        } catch (IOException | InvalidPathException e) {
            throw ConfigException.invalid(property, value, "cannot be read: " + e.getMessage());
        }
        return check(property, value, v -> new ErrorTemplates.Template(v.trim(), text));
    }

    /** The edge properties as {@code GET /} shows them, by Kong name. */
    static Map<String, @Nullable Object> shown(EdgeSettings edge) {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        m.put(
                Property.TRUSTED_IPS.key(),
                edge.trustedIps().isEmpty() && !edge.trustedIps().trustsUnixSockets()
                        ? null
                        : edge.trustedIps().entries());
        m.put(Property.REAL_IP_HEADER.key(), edge.realIpHeader());
        m.put(Property.REAL_IP_RECURSIVE.key(), edge.realIpRecursive() ? "on" : "off");
        m.put(Property.HEADERS.key(), edge.headers().configured());
        m.put(
                Property.HEADERS_UPSTREAM.key(),
                edge.upstreamRequestId() ? List.of("x-kong-request-id") : List.of("off"));
        m.put(Property.ERROR_DEFAULT_TYPE.key(), edge.errorDefaultType());
        ErrorTemplates templates = edge.errorTemplates();
        m.put(Property.ERROR_TEMPLATE_HTML.key(), path(templates.html()));
        m.put(Property.ERROR_TEMPLATE_JSON.key(), path(templates.json()));
        m.put(Property.ERROR_TEMPLATE_XML.key(), path(templates.xml()));
        m.put(Property.ERROR_TEMPLATE_PLAIN.key(), path(templates.plain()));
        m.put(Property.NGINX_HTTP_CLIENT_MAX_BODY_SIZE.key(), edge.clientMaxBodySize());
        m.put(
                Property.NGINX_HTTP_LARGE_CLIENT_HEADER_BUFFERS.key(),
                edge.headerBufferCount() + " " + edge.headerBufferSize());
        m.put(Property.NGINX_HTTP_CLIENT_HEADER_TIMEOUT.key(), edge.clientHeaderTimeoutMs() + "ms");
        m.put(Property.NGINX_HTTP_CLIENT_BODY_TIMEOUT.key(), edge.clientBodyTimeoutMs() + "ms");
        m.put(
                Property.NGINX_HTTP_LINGERING_CLOSE.key(),
                edge.lingering().close().value());
        m.put(Property.NGINX_HTTP_LINGERING_TIME.key(), edge.lingering().timeMs() + "ms");
        m.put(Property.NGINX_HTTP_LINGERING_TIMEOUT.key(), edge.lingering().timeoutMs() + "ms");
        m.put(Property.PROXY_REFUSE_PATH_TRAVERSAL.key(), edge.refusePathTraversal() ? "on" : "off");
        m.put(Property.ALLOW_DEBUG_HEADER.key(), edge.allowDebugHeader());
        m.put(
                Property.PORT_MAPS.key(),
                edge.portMaps().entries().isEmpty() ? null : edge.portMaps().entries());
        return m;
    }

    private static @Nullable String path(ErrorTemplates.@Nullable Template template) {
        return template == null ? null : template.path();
    }

    /** Kong's booleans: {@code on} or {@code true} (any case) is true, anything else false. */
    private static boolean bool(@Nullable String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return v.equals("on") || v.equals("true");
    }

    private static <T> T check(Property property, @Nullable String value, Function<String, T> parser) {
        String v = value == null ? "" : value;
        try {
            return parser.apply(v);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw ConfigException.invalid(
                    property,
                    v,
                    e instanceof NumberFormatException || e.getMessage() == null
                            ? "is not a size (bytes, or a number followed by k, m or g)"
                            : e.getMessage());
        }
    }
}
