package io.tollgate.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.adapter.http.edge.EdgeSettings;
import io.tollgate.adapter.http.edge.ErrorTemplates;
import io.tollgate.adapter.http.edge.Lingering;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdgePropertiesTest {

    @Test
    void defaultsAreKongs() {
        TollgateConfig config = TollgateConfig.defaults();
        assertThat(config.edge()).isEqualTo(EdgeSettings.DEFAULTS);
        assertThat(config.sanitised())
                .containsEntry("trusted_ips", null)
                .containsEntry("real_ip_header", "X-Real-IP")
                .containsEntry("real_ip_recursive", "off")
                .containsEntry("headers", List.of("server_tokens", "latency_tokens", "x-kong-request-id"))
                .containsEntry("error_default_type", "text/plain")
                .containsEntry("nginx_http_client_max_body_size", 0L)
                .containsEntry("nginx_http_large_client_header_buffers", "4 8192");
    }

    @Test
    void parsesEveryEdgeProperty() {
        EdgeSettings edge = ConfigParser.parse(
                        Map.of(
                                Property.TRUSTED_IPS, "10.0.0.0/8, ::1",
                                Property.REAL_IP_HEADER, "X-Forwarded-For",
                                Property.REAL_IP_RECURSIVE, "on",
                                Property.HEADERS, "off",
                                Property.HEADERS_UPSTREAM, "off",
                                Property.ERROR_DEFAULT_TYPE, "application/json",
                                Property.NGINX_HTTP_CLIENT_MAX_BODY_SIZE, "1m",
                                Property.NGINX_HTTP_LARGE_CLIENT_HEADER_BUFFERS, "2 4k"),
                        w -> {})
                .edge();

        assertThat(edge.trustedIps().contains("10.2.3.4")).isTrue();
        assertThat(edge.realIpHeader()).isEqualTo("X-Forwarded-For");
        assertThat(edge.realIpRecursive()).isTrue();
        assertThat(edge.headers().server()).isFalse();
        assertThat(edge.upstreamRequestId()).isFalse();
        assertThat(edge.errorDefaultType()).isEqualTo("application/json");
        assertThat(edge.clientMaxBodySize()).isEqualTo(1 << 20);
        assertThat(edge.headerBufferCount()).isEqualTo(2);
        assertThat(edge.headerBufferSize()).isEqualTo(4096);
    }

    @Test
    void lingeringCloseAndTimesAreNginxsDefaultingToNginxs() {
        assertThat(TollgateConfig.defaults().edge().lingering())
                .isEqualTo(new Lingering(Lingering.Close.ON, 30_000, 5_000));
        TollgateConfig config = ConfigParser.parse(
                Map.of(
                        Property.NGINX_HTTP_LINGERING_CLOSE,
                        "Always",
                        Property.NGINX_HTTP_LINGERING_TIME,
                        "1m",
                        Property.NGINX_HTTP_LINGERING_TIMEOUT,
                        "250ms"),
                w -> {});

        assertThat(config.edge().lingering()).isEqualTo(new Lingering(Lingering.Close.ALWAYS, 60_000, 250));
        assertThat(config.sanitised())
                .containsEntry("nginx_http_lingering_close", "always")
                .containsEntry("nginx_http_lingering_time", "60000ms")
                .containsEntry("nginx_http_lingering_timeout", "250ms");
        assertThat(ConfigParser.parse(Map.of(Property.NGINX_HTTP_LINGERING_CLOSE, " off "), w -> {})
                        .edge()
                        .lingering()
                        .close())
                .isEqualTo(Lingering.Close.OFF);
        assertThatThrownBy(() -> ConfigParser.parse(Map.of(Property.NGINX_HTTP_LINGERING_CLOSE, "yes"), w -> {}))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nginx_http_lingering_close")
                .hasMessageContaining("must be one of: on, off, always");
        assertThatThrownBy(() -> ConfigParser.parse(Map.of(Property.NGINX_HTTP_LINGERING_TIMEOUT, "0s"), w -> {}))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nginx_http_lingering_timeout");
    }

    @Test
    void realIpHeaderMayBeProxyProtocol() {
        EdgeSettings edge = ConfigParser.parse(Map.of(Property.REAL_IP_HEADER, "proxy_protocol"), w -> {})
                .edge();

        assertThat(edge.realIpHeader()).isEqualTo("proxy_protocol");
        assertThat(edge.realIp().fromProxyProtocol()).isTrue();
    }

    @Test
    void badValuesNameTheProperty() {
        assertThatThrownBy(() -> ConfigParser.parse(Map.of(Property.TRUSTED_IPS, "10.0.0.0/40"), w -> {}))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("trusted_ips");
        assertThatThrownBy(() -> ConfigParser.parse(Map.of(Property.REAL_IP_HEADER, "bad header"), w -> {}))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("real_ip_header");
        assertThatThrownBy(() -> ConfigParser.parse(Map.of(Property.HEADERS, "server_tokens, nope"), w -> {}))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("headers");
        assertThatThrownBy(() -> ConfigParser.parse(Map.of(Property.ERROR_DEFAULT_TYPE, "text/csv"), w -> {}))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("error_default_type");
        assertThatThrownBy(() -> ConfigParser.parse(Map.of(Property.NGINX_HTTP_CLIENT_MAX_BODY_SIZE, "big"), w -> {}))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nginx_http_client_max_body_size");
        assertThatThrownBy(
                        () -> ConfigParser.parse(Map.of(Property.NGINX_HTTP_LARGE_CLIENT_HEADER_BUFFERS, "4"), w -> {}))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nginx_http_large_client_header_buffers");
    }

    @Test
    void errorTemplatesAreReadFromTheirFilesAndShownByPath(@TempDir Path dir) throws IOException {
        Path html = Files.writeString(dir.resolve("error.html"), "<h1>%s</h1><p>%s</p>");
        Path json = Files.writeString(dir.resolve("error.json"), "{\"custom\":\"%s\"}");
        TollgateConfig config = ConfigParser.parse(
                Map.of(Property.ERROR_TEMPLATE_HTML, html.toString(), Property.ERROR_TEMPLATE_JSON, json.toString()),
                w -> {});

        assertThat(config.edge().errorTemplates().forType("text/html")).isEqualTo("<h1>%s</h1><p>%s</p>");
        assertThat(config.edge().errorTemplates().forType("application/json")).isEqualTo("{\"custom\":\"%s\"}");
        assertThat(config.edge().errorTemplates().forType("text/plain")).isNull();
        assertThat(config.sanitised())
                .containsEntry("error_template_html", html.toString())
                .containsEntry("error_template_xml", null);
        assertThat(TollgateConfig.defaults().edge().errorTemplates()).isEqualTo(ErrorTemplates.NONE);
    }

    @Test
    void aMissingOrMalformedErrorTemplateStopsTheStart(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> ConfigParser.parse(
                        Map.of(
                                Property.ERROR_TEMPLATE_PLAIN,
                                dir.resolve("missing.txt").toString()),
                        w -> {}))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("error_template_plain")
                .hasMessageContaining("cannot be read");
        Path bad = Files.writeString(dir.resolve("bad.xml"), "<e>%s %d</e>");
        assertThatThrownBy(() -> ConfigParser.parse(Map.of(Property.ERROR_TEMPLATE_XML, bad.toString()), w -> {}))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("error_template_xml")
                .hasMessageContaining("'%d'");
    }
}
