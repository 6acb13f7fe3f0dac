package io.tollgate.application.plugin.bundled;

import static io.tollgate.application.plugin.bundled.DefinitionsTest.config;
import static io.tollgate.application.plugin.bundled.DefinitionsTest.validate;
import static io.tollgate.application.plugin.bundled.DefinitionsTest.violation;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.SyslogSink;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Kong's {@code syslog} plugin: schema, severity by response class, {@code log_level}, RFC 3164 datagrams. */
@ExtendWith(BundledCatalog.class)
class SyslogTest {

    private final List<String> sent = new ArrayList<>();
    private final SyslogSink sink = datagram -> sent.add(new String(datagram, StandardCharsets.UTF_8));
    private final Syslog plugin = new Syslog(Clock.fixed(Instant.parse("2026-03-05T07:08:09Z"), ZoneOffset.UTC));

    @Test
    void kongs_defaults_and_schema_errors() {
        assertThat(config(validate("syslog", Map.of())))
                .containsEntry("log_level", "info")
                .containsEntry("successful_severity", "info")
                .containsEntry("client_errors_severity", "info")
                .containsEntry("server_errors_severity", "info")
                .containsEntry("syslog_facility", "USER")
                .containsEntry("custom_fields_by_lua", null);
        assertThat(config(violation("syslog", Map.of("log_level", "error"))))
                .containsEntry("log_level", "expected one of: emerg, alert, crit, err, warning, notice, info, debug");
        assertThat(config(violation("syslog", Map.of("syslog_facility", "local0"))))
                .containsEntry(
                        "syslog_facility",
                        "expected one of: AUTH, AUTHPRIV, CRON, DAEMON, FTP, KERN, LPR, MAIL, NEWS, SYSLOG, USER,"
                                + " UUCP, LOCAL0, LOCAL1, LOCAL2, LOCAL3, LOCAL4, LOCAL5, LOCAL6, LOCAL7");
    }

    @Test
    void sends_the_serializer_as_json_with_the_severity_of_the_response_class() {
        Map<String, Object> config = new HashMap<>(Map.of(
                "log_level", "debug",
                "successful_severity", "notice",
                "client_errors_severity", "warning",
                "server_errors_severity", "crit",
                "syslog_facility", "LOCAL4"));
        log(config, 200);
        log(config, 404);
        log(config, 503);
        assertThat(sent)
                .containsExactly(
                        "<165>Mar  5 07:08:09 kong[" + ProcessHandle.current().pid()
                                + "]: {\"response\":{\"status\":200}}",
                        "<164>Mar  5 07:08:09 kong[" + ProcessHandle.current().pid()
                                + "]: {\"response\":{\"status\":404}}",
                        "<162>Mar  5 07:08:09 kong[" + ProcessHandle.current().pid()
                                + "]: {\"response\":{\"status\":503}}");
    }

    @Test
    void a_severity_less_urgent_than_log_level_is_not_sent() {
        Map<String, Object> config = new HashMap<>(Map.of(
                "log_level", "warning",
                "successful_severity", "info",
                "client_errors_severity", "warning",
                "server_errors_severity", "err",
                "syslog_facility", "USER"));
        log(config, 200);
        log(config, 401);
        log(config, 500);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).startsWith("<12>"); // USER (1) * 8 + warning (4)
        assertThat(sent.get(1)).startsWith("<11>"); // USER (1) * 8 + err (3)
    }

    @Test
    void a_local_syslog_that_cannot_be_reached_drops_the_entry_without_failing_the_log_phase() {
        PluginHandler handler = plugin.handler(environment(SyslogSink.NONE));
        handler.log(context(200), new PluginConfig(Syslog.DEFINITION.config().validate(Map.of())));
        assertThat(sent).isEmpty();
    }

    /** Kong's log specs "logs custom values" and "unsets existing log values", with a dotted path and skipped Lua. */
    @Test
    void custom_fields_by_lua_sets_constants_removes_nil_fields_and_skips_other_lua() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("new_field", "return 123");
        fields.put("route", "return nil");
        fields.put("tags.env", "return 'prod'");
        fields.put("response.status", "return nil");
        fields.put("request_id", "return ngx.var.request_id");
        Map<String, Object> config = new HashMap<>(Map.of("log_level", "info", "custom_fields_by_lua", fields));
        Map<String, Object> serializer = new LinkedHashMap<>();
        serializer.put("response", Map.of("status", 200, "size", 5));
        serializer.put("route", Map.of("id", "r1"));
        plugin.handler(environment(sink))
                .log(
                        context(200, serializer),
                        new PluginConfig(Syslog.DEFINITION.config().validate(config)));

        assertThat(sent)
                .singleElement()
                .asString()
                .endsWith("]: {\"response\":{\"size\":5},\"new_field\":123,\"tags\":{\"env\":\"prod\"}}");
        assertThat(serializer).containsEntry("new_field", 123L).doesNotContainKey("route"); // seen by later plugins
    }

    /** Kong's handler sets the custom fields before its severity check: later log plugins see them anyway. */
    @Test
    void custom_fields_are_set_even_when_the_entry_is_less_urgent_than_log_level() {
        Map<String, Object> config = new HashMap<>(Map.of(
                "log_level", "err", "custom_fields_by_lua", Map.of("new_field", "return kong.response.get_status()")));
        Map<String, Object> serializer = new LinkedHashMap<>();
        plugin.handler(environment(sink))
                .log(
                        context(200, serializer),
                        new PluginConfig(Syslog.DEFINITION.config().validate(config)));

        assertThat(sent).isEmpty();
        assertThat(serializer).containsEntry("new_field", 200L);
    }

    private void log(Map<String, Object> config, int status) {
        plugin.handler(environment(sink))
                .log(
                        context(status),
                        new PluginConfig(Syslog.DEFINITION.config().validate(config)));
    }

    private static PluginContext context(int status) {
        return context(status, Map.of("response", Map.of("status", status)));
    }

    private static PluginContext context(int status, Map<String, Object> serializer) {
        return (PluginContext) Proxy.newProxyInstance(
                PluginContext.class.getClassLoader(),
                new Class<?>[] {PluginContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "responseStatus" -> status;
                    case "logSerializer" -> serializer;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static PluginEnvironment environment(SyslogSink sink) {
        return (PluginEnvironment) Proxy.newProxyInstance(
                PluginEnvironment.class.getClassLoader(),
                new Class<?>[] {PluginEnvironment.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "json" -> AuthHarness.JSON;
                    case "syslog" -> sink;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
