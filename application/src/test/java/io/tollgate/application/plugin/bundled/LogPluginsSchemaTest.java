package io.tollgate.application.plugin.bundled;

import static io.tollgate.application.plugin.bundled.DefinitionsTest.config;
import static io.tollgate.application.plugin.bundled.DefinitionsTest.validate;
import static io.tollgate.application.plugin.bundled.DefinitionsTest.violation;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Kong's http-log and file-log schemas (spec/03-plugins/03-http-log/02-schema_spec, 04-file-log/02-schema_spec). */
@ExtendWith(BundledCatalog.class)
class LogPluginsSchemaTest {

    @Test
    void http_log_defaults_are_kongs() {
        Map<String, Object> config = config(validate("http-log", Map.of("http_endpoint", "http://example.com/logs")));
        assertThat(config)
                .containsEntry("method", "POST")
                .containsEntry("content_type", "application/json")
                .containsEntry("timeout", 10000.0)
                .containsEntry("keepalive", 60000.0);
        @SuppressWarnings("unchecked")
        Map<String, Object> queue = (Map<String, Object>) config.get("queue");
        assertThat(queue)
                .containsEntry("max_batch_size", 1L)
                .containsEntry("max_coalescing_delay", 1.0)
                .containsEntry("max_entries", 10000L)
                .containsEntry("max_retry_time", 60.0)
                .containsEntry("initial_retry_delay", 0.01)
                .containsEntry("max_retry_delay", 60.0);
    }

    @Test
    void http_log_refuses_what_kong_refuses() {
        assertThat(config(violation("http-log", Map.of()))).containsEntry("http_endpoint", "required field missing");
        assertThat(config(violation("http-log", Map.of("http_endpoint", "not-a-url"))))
                .containsEntry("http_endpoint", "missing host in url");
        assertThat(config(violation("http-log", Map.of("http_endpoint", "http://x.test", "method", "GET"))))
                .containsEntry("method", "expected one of: POST, PUT, PATCH");
        assertThat(config(violation(
                        "http-log", Map.of("http_endpoint", "http://x.test", "headers", Map.of("Host", "a")))))
                .containsEntry("headers", "cannot contain 'Host' header");
        assertThat(config(violation(
                        "http-log",
                        Map.of("http_endpoint", "http://x.test", "headers", Map.of("content-length", "1")))))
                .containsEntry("headers", "cannot contain 'Content-Length' header");
        assertThat(config(violation(
                        "http-log", Map.of("http_endpoint", "http://x.test", "headers", Map.of("Content-Type", "a")))))
                .containsEntry("headers", "cannot contain 'Content-Type' header");
        assertThat(violation(
                        "http-log",
                        Map.of(
                                "http_endpoint",
                                "http://bob:secret@x.test/logs",
                                "headers",
                                Map.of("Authorization", "Bearer x"))))
                .as("Kong's custom_validator of the config record: the message is config's whole error")
                .containsEntry(
                        "config",
                        "specifying both an 'Authorization' header and user info in 'http_endpoint' is not allowed");
        assertThat(config(violation(
                                "http-log",
                                Map.of("http_endpoint", "http://x.test", "queue", Map.of("max_batch_size", 0))))
                        .toString())
                .contains("max_batch_size=value should be between 1 and 1000000");
        validate(
                "http-log",
                Map.of(
                        "http_endpoint",
                        "http://bob:secret@x.test/logs",
                        "headers",
                        Map.of("X-Token", "t"),
                        "queue",
                        Map.of("max_batch_size", 100, "max_coalescing_delay", 0.5)));
    }

    @Test
    void file_log_needs_a_valid_path() {
        assertThat(config(validate("file-log", Map.of("path", "/tmp/log.json"))))
                .containsEntry("reopen", false);
        assertThat(config(violation("file-log", Map.of()))).containsEntry("path", "required field missing");
        assertThat(config(violation("file-log", Map.of("path", "/tmp/*.json"))))
                .containsEntry("path", "not a valid filename");
        assertThat(config(violation("file-log", Map.of("path", "/tmp/a`b"))))
                .containsEntry("path", "not a valid filename");
    }

    @Test
    void tcp_and_udp_log_need_a_host_and_port() {
        assertThat(config(validate("tcp-log", Map.of("host", "collector.test", "port", 5000))))
                .containsEntry("timeout", 10000.0)
                .containsEntry("keepalive", 60000.0)
                .containsEntry("tls", false);
        assertThat(config(violation("tcp-log", Map.of("port", 5000)))).containsEntry("host", "required field missing");
        assertThat(config(violation("tcp-log", Map.of("host", "collector.test", "port", 70000))))
                .containsEntry("port", "value should be between 0 and 65535");
        assertThat(config(validate("udp-log", Map.of("host", "127.0.0.1", "port", 5000))))
                .containsEntry("timeout", 10000.0);
        assertThat(config(violation("udp-log", Map.of("host", "127.0.0.1"))))
                .containsEntry("port", "required field missing");
    }
}
