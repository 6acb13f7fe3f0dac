package io.tollgate.bootstrap.declarative;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.admin.ConfigurationImport;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.entity.Entity;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ports Kong's {@code spec/01-unit/01-db/01-schema/11-declarative_config/02-process_auto_fields_spec.lua}: the
 * fields a declarative file leaves out get their schema defaults. Kong checks the processed file, still nested;
 * Tollgate checks what {@code tollgate config db_import} stores from it ({@link DeclarativeReader}, then
 * {@link ConfigurationImport} over in-memory ports): the same entities, flattened, each with Kong's defaults and its
 * parent as a reference. Kong's assertions name the fields a processed entity holds besides {@code null}; here each
 * listed field is checked with {@code containsEntry}, since a stored entity also holds the other fields (as
 * {@code null} or their default).
 *
 * <ul>
 *   <li>12 cases ported: services (3), plugins (3), plugins in services, routes in services and plugins in routes
 *       in services (2 each). The spec's http-log defaults are Kong 2.x's ({@code flush_timeout = 2},
 *       {@code queue_size = 1}, {@code retry_count = 10}); Kong 3.x deprecated those three fields and gave them no
 *       default, and its defaults are checked here ({@code queue.max_batch_size = 1}, {@code queue.max_retry_time =
 *       60}, …).</li>
 *   <li>6 no counterpart: the {@code oauth2_credentials} / {@code oauth2_tokens} cases (Tollgate has no oauth2
 *       plugin, so no such entities).</li>
 * </ul>
 */
class KongDeclarativeAutoFieldsSpecTest extends DeclarativeSpecSupport {

    /** "services: accepts an empty list". */
    @Test
    void services_accept_an_empty_list() throws Exception {
        imported(V11 + "services:\n");
        assertThat(rows(EntityKind.SERVICES)).isEmpty();
    }

    /** "services: accepts entities". */
    @Test
    void services_accept_entities() throws Exception {
        imported(V11 + """
                services:
                - name: foo
                  host: example.com
                  protocol: https
                  _comment: my comment
                  _ignore:
                  - foo: bar
                - name: bar
                  host: example.test
                  port: 3000
                  _comment: my comment
                  _ignore:
                  - foo: bar
                """);
        assertThat(service("foo"))
                .containsAllEntriesOf(serviceDefaults("foo", "https", "example.com", 80L))
                .doesNotContainKeys("_comment", "_ignore");
        assertThat(service("bar"))
                .containsAllEntriesOf(serviceDefaults("bar", "http", "example.test", 3000L))
                .doesNotContainKeys("_comment", "_ignore");
    }

    /** "services: allows url shorthand". */
    @Test
    void services_allow_the_url_shorthand() throws Exception {
        imported(V11 + """
                services:
                - name: foo
                  url: https://example.com:8000/hello/world
                """);
        assertThat(service("foo"))
                .containsAllEntriesOf(serviceDefaults("foo", "https", "example.com", 8000L))
                .containsEntry("path", "/hello/world")
                .doesNotContainKey("url");
    }

    /** "plugins: accepts an empty list". */
    @Test
    void plugins_accept_an_empty_list() throws Exception {
        imported(V11 + "plugins:\n");
        assertThat(rows(EntityKind.PLUGINS)).isEmpty();
    }

    /** "plugins: accepts entities". */
    @Test
    void plugins_accept_entities() throws Exception {
        imported(V11 + """
                plugins:
                  - name: key-auth
                    _comment: my comment
                    _ignore:
                    - foo: bar
                  - name: http-log
                    config:
                      http_endpoint: https://example.com
                    _comment: my comment
                    _ignore:
                    - foo: bar
                """);
        assertKeyAuthDefaults(plugin("key-auth"));
        assertHttpLogDefaults(plugin("http-log"));
        assertThat(plugin("key-auth")).doesNotContainKeys("_comment", "_ignore");
    }

    /** "plugins: allows foreign relationships as strings". */
    @Test
    void plugins_allow_foreign_relationships_as_strings() throws Exception {
        imported(V11 + """
                services:
                - name: svc1
                  host: example.com
                  routes:
                  - name: foo
                    paths: [/]
                consumers:
                - username: my-consumer
                plugins:
                  - name: key-auth
                    route: foo
                  - name: http-log
                    service: svc1
                    consumer: my-consumer
                    config:
                      http_endpoint: https://example.com
                """);
        assertKeyAuthDefaults(plugin("key-auth"));
        assertHttpLogDefaults(plugin("http-log"));
        assertThat(plugin("key-auth")).containsEntry("route", ref(EntityKind.ROUTES, "foo"));
        assertThat(plugin("http-log"))
                .containsEntry("service", ref(EntityKind.SERVICES, "svc1"))
                .containsEntry("consumer", ref(EntityKind.CONSUMERS, "my-consumer"));
    }

    /** "nested relationships: plugins in services: accepts an empty list". */
    @Test
    void plugins_in_services_accept_an_empty_list() throws Exception {
        imported(V11 + """
                services:
                - name: foo
                  plugins: []
                  host: example.com
                """);
        assertThat(service("foo")).containsAllEntriesOf(serviceDefaults("foo", "http", "example.com", 80L));
        assertThat(rows(EntityKind.PLUGINS)).isEmpty();
    }

    /** "nested relationships: plugins in services: accepts entities". */
    @Test
    void plugins_in_services_accept_entities() throws Exception {
        imported(V11 + """
                services:
                - name: foo
                  host: example.com
                  protocol: https
                  _comment: my comment
                  _ignore:
                  - foo: bar
                  plugins:
                    - name: key-auth
                      _comment: my comment
                      _ignore:
                      - foo: bar
                    - name: http-log
                      config:
                        http_endpoint: https://example.com
                - name: bar
                  host: example.test
                  port: 3000
                  plugins:
                  - name: basic-auth
                  - name: tcp-log
                    config:
                      host: 127.0.0.1
                      port: 10000
                """);
        assertThat(service("foo")).containsAllEntriesOf(serviceDefaults("foo", "https", "example.com", 80L));
        assertThat(service("bar")).containsAllEntriesOf(serviceDefaults("bar", "http", "example.test", 3000L));
        assertKeyAuthDefaults(plugin("key-auth"));
        assertHttpLogDefaults(plugin("http-log"));
        assertBasicAuthDefaults(plugin("basic-auth"));
        assertTcpLogDefaults(plugin("tcp-log"));
        Map<String, Object> foo = ref(EntityKind.SERVICES, "foo");
        Map<String, Object> bar = ref(EntityKind.SERVICES, "bar");
        assertThat(plugin("key-auth")).containsEntry("service", foo);
        assertThat(plugin("http-log")).containsEntry("service", foo);
        assertThat(plugin("basic-auth")).containsEntry("service", bar);
        assertThat(plugin("tcp-log")).containsEntry("service", bar);
    }

    /** "nested relationships: routes in services: accepts an empty list". */
    @Test
    void routes_in_services_accept_an_empty_list() throws Exception {
        imported(V11 + """
                services:
                - name: foo
                  routes: []
                  host: example.com
                """);
        assertThat(service("foo")).containsAllEntriesOf(serviceDefaults("foo", "http", "example.com", 80L));
        assertThat(rows(EntityKind.ROUTES)).isEmpty();
    }

    /** "nested relationships: routes in services: accepts entities". */
    @Test
    void routes_in_services_accept_entities() throws Exception {
        imported(V11 + """
                services:
                - name: foo
                  host: example.com
                  protocol: https
                  routes:
                    - name: r1
                      path_handling: v1
                      paths:
                      - /path
                    - name: r2
                      path_handling: v1
                      hosts:
                      - example.com
                    - name: r3
                      path_handling: v1
                      methods: ["GET", "POST"]
                - name: bar
                  host: example.test
                  port: 3000
                  routes:
                    - name: r4
                      path_handling: v1
                      paths:
                      - /path
                      hosts:
                      - example.com
                      methods: ["GET", "POST"]
                """);
        assertThat(service("foo")).containsAllEntriesOf(serviceDefaults("foo", "https", "example.com", 80L));
        assertThat(service("bar")).containsAllEntriesOf(serviceDefaults("bar", "http", "example.test", 3000L));
        assertThat(route("r1")).containsAllEntriesOf(ROUTE_DEFAULTS).containsEntry("paths", List.of("/path"));
        assertThat(route("r2")).containsAllEntriesOf(ROUTE_DEFAULTS).containsEntry("hosts", List.of("example.com"));
        assertThat(route("r3")).containsAllEntriesOf(ROUTE_DEFAULTS).containsEntry("methods", List.of("GET", "POST"));
        assertThat(route("r4"))
                .containsAllEntriesOf(ROUTE_DEFAULTS)
                .containsEntry("paths", List.of("/path"))
                .containsEntry("hosts", List.of("example.com"))
                .containsEntry("methods", List.of("GET", "POST"));
        for (String name : List.of("r1", "r2", "r3")) {
            assertThat(route(name)).containsEntry("service", ref(EntityKind.SERVICES, "foo"));
        }
        assertThat(route("r4")).containsEntry("service", ref(EntityKind.SERVICES, "bar"));
    }

    /** "nested relationships: plugins in routes in services: accepts an empty list". */
    @Test
    void plugins_in_routes_in_services_accept_an_empty_list() throws Exception {
        imported(V11 + """
                services:
                - name: foo
                  host: example.com
                  protocol: https
                  routes:
                  - name: foo
                    path_handling: v1
                    methods: ["GET"]
                    plugins:
                """);
        assertThat(route("foo")).containsAllEntriesOf(ROUTE_DEFAULTS).containsEntry("methods", List.of("GET"));
        assertThat(rows(EntityKind.PLUGINS)).isEmpty();
    }

    /** "nested relationships: plugins in routes in services: accepts entities". */
    @Test
    void plugins_in_routes_in_services_accept_entities() throws Exception {
        imported(V11 + """
                services:
                - name: foo
                  host: example.com
                  protocol: https
                  routes:
                  - name: foo
                    path_handling: v1
                    methods: ["GET"]
                    plugins:
                      - name: key-auth
                      - name: http-log
                        config:
                          http_endpoint: https://example.com
                - name: bar
                  host: example.test
                  port: 3000
                  routes:
                  - name: bar
                    path_handling: v1
                    paths:
                    - /
                    plugins:
                    - name: basic-auth
                    - name: tcp-log
                      config:
                        host: 127.0.0.1
                        port: 10000
                """);
        assertThat(route("foo")).containsAllEntriesOf(ROUTE_DEFAULTS).containsEntry("methods", List.of("GET"));
        assertThat(route("bar")).containsAllEntriesOf(ROUTE_DEFAULTS).containsEntry("paths", List.of("/"));
        assertKeyAuthDefaults(plugin("key-auth"));
        assertHttpLogDefaults(plugin("http-log"));
        assertBasicAuthDefaults(plugin("basic-auth"));
        assertTcpLogDefaults(plugin("tcp-log"));
        Map<String, Object> foo = ref(EntityKind.ROUTES, "foo");
        Map<String, Object> bar = ref(EntityKind.ROUTES, "bar");
        assertThat(plugin("key-auth")).containsEntry("route", foo).containsEntry("service", null);
        assertThat(plugin("http-log")).containsEntry("route", foo).containsEntry("service", null);
        assertThat(plugin("basic-auth")).containsEntry("route", bar).containsEntry("service", null);
        assertThat(plugin("tcp-log")).containsEntry("route", bar).containsEntry("service", null);
    }

    /** The route fields Kong's spec lists for every route it processes (besides the matching attributes). */
    private static final Map<String, Object> ROUTE_DEFAULTS = Map.ofEntries(
            entry("preserve_host", false),
            entry("regex_priority", 0L),
            entry("strip_path", true),
            entry("path_handling", "v1"),
            entry("protocols", List.of("http", "https")),
            entry("https_redirect_status_code", 426L),
            entry("request_buffering", true),
            entry("response_buffering", true));

    private static final List<String> PLUGIN_PROTOCOLS = List.of("grpc", "grpcs", "http", "https");

    private static Map<String, Object> serviceDefaults(String name, String protocol, String host, long port) {
        return Map.ofEntries(
                entry("name", name),
                entry("protocol", protocol),
                entry("host", host),
                entry("port", port),
                entry("connect_timeout", 60000L),
                entry("read_timeout", 60000L),
                entry("write_timeout", 60000L),
                entry("retries", 5L));
    }

    private static void assertPluginDefaults(Map<String, Object> plugin) {
        assertThat(plugin).containsEntry("enabled", true).containsEntry("protocols", PLUGIN_PROTOCOLS);
    }

    private static void assertKeyAuthDefaults(Map<String, Object> plugin) {
        assertPluginDefaults(plugin);
        assertThat(config(plugin))
                .containsEntry("hide_credentials", false)
                .containsEntry("key_in_header", true)
                .containsEntry("key_in_query", true)
                .containsEntry("key_in_body", false)
                .containsEntry("key_names", List.of("apikey"))
                .containsEntry("run_on_preflight", true);
    }

    private static void assertHttpLogDefaults(Map<String, Object> plugin) {
        assertPluginDefaults(plugin);
        assertThat(config(plugin))
                .containsEntry("http_endpoint", "https://example.com")
                .containsEntry("content_type", "application/json")
                .containsEntry("keepalive", 60000.0)
                .containsEntry("method", "POST")
                .containsEntry("timeout", 10000.0)
                .containsEntry("flush_timeout", null)
                .containsEntry("queue_size", null)
                .containsEntry("retry_count", null);
        assertThat(map(config(plugin).get("queue")))
                .containsEntry("max_batch_size", 1L)
                .containsEntry("max_retry_time", 60.0);
    }

    private static void assertBasicAuthDefaults(Map<String, Object> plugin) {
        assertPluginDefaults(plugin);
        assertThat(config(plugin)).containsEntry("hide_credentials", false);
    }

    private static void assertTcpLogDefaults(Map<String, Object> plugin) {
        assertPluginDefaults(plugin);
        assertThat(config(plugin))
                .containsEntry("host", "127.0.0.1")
                .containsEntry("port", 10000L)
                .containsEntry("keepalive", 60000.0)
                .containsEntry("timeout", 10000.0)
                .containsEntry("tls", false);
    }

    /** Imports {@code yaml} as {@code tollgate config db_import} does; it must import. */
    private void imported(String yaml) throws Exception {
        assertThat(importProblems(yaml)).isEmpty();
    }

    private List<Entity> rows(EntityKind kind) {
        return ports.store.rows(Schemas.of(kind)).stream()
                .sorted(Comparator.comparing(Entity::id))
                .toList();
    }

    private Map<String, Object> service(String name) {
        return named(EntityKind.SERVICES, "name", name);
    }

    private Map<String, Object> route(String name) {
        return named(EntityKind.ROUTES, "name", name);
    }

    private Map<String, Object> plugin(String name) {
        return named(EntityKind.PLUGINS, "name", name);
    }

    private Map<String, Object> named(EntityKind kind, String field, String value) {
        List<Entity> matches =
                rows(kind).stream().filter(e -> value.equals(e.get(field))).toList();
        assertThat(matches).as("%s with %s %s", kind, field, value).hasSize(1);
        return map(matches.get(0).fields());
    }

    /** The reference a stored child holds to the {@code kind} entity whose name (or username) is {@code name}. */
    private Map<String, Object> ref(EntityKind kind, String name) {
        String field = kind == EntityKind.CONSUMERS ? "username" : "name";
        Entity parent = rows(kind).stream()
                .filter(e -> name.equals(e.get(field)))
                .findFirst()
                .orElseThrow();
        return Map.of("id", parent.id().toString());
    }

    private static Map<String, Object> config(Map<String, Object> plugin) {
        return map(plugin.get("config"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
