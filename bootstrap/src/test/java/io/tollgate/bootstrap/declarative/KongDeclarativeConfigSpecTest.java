package io.tollgate.bootstrap.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.admin.ConfigurationCheck;
import io.tollgate.application.port.DeclaredEntity;
import io.tollgate.domain.catalog.EntityKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ports Kong's {@code spec/01-unit/01-db/01-schema/11-declarative_config/01-validate_spec.lua} (41 cases),
 * {@code 04-on-the-fly-migration_spec.lua} (1 case, ported) and {@code 05-error-flattening_spec.lua} (4 cases): a
 * declarative file is read as {@code kong config parse} reads it ({@link DeclarativeReader} for its structure, then
 * {@link ConfigurationCheck} for each entity's fields), with the bundled plugins enabled. Kong answers with a nested
 * error table; Tollgate with one {@code <path>: <message>} line per problem, whose messages are Kong's.
 *
 * <ul>
 *   <li>01-validate: 26 ported, 1 of them differing ({@code _workspace} is ignored, not checked as a workspace
 *       name: Tollgate has one workspace) and 2 with Tollgate's message ({@code _format_version} accepts
 *       {@code 3.0} too, as Kong 3.x's schema does, so the message lists it; a route path without {@code /} gets
 *       Kong 3's message naming regex paths). 15 no counterpart: the pending metaschema case (Kong's own schema
 *       of the format), the 12 {@code oauth2_credentials} / {@code oauth2_tokens} cases (Tollgate has no oauth2
 *       plugin, so no such entities) and the 2 custom-DAO plugin cases (Tollgate's plugins declare no entities).
 *       One more case, not Kong's, checks that a nested list key without a value is an empty list.</li>
 *   <li>05-error-flattening: 4 no counterpart: {@code flattened_errors} is the answer of DB-less mode's
 *       {@code POST /config}, which Tollgate (database mode only) does not have.</li>
 * </ul>
 */
class KongDeclarativeConfigSpecTest extends DeclarativeSpecSupport {

    /** 01-validate: "_format_version requires version 1.1 or 2.1". */
    @Test
    void format_version_requires_version_1_1_or_2_1() throws Exception {
        assertThat(parseProblems("_format_version: 1.1")).containsExactly("_format_version: expected a string");
        assertThat(parseProblems("_format_version: \"foobar\""))
                .containsExactly("_format_version: expected one of: 1.1, 2.1, 3.0");
        assertThat(parseProblems("_format_version: \"1.1\"")).isEmpty();
        assertThat(parseProblems("_format_version: \"2.1\"")).isEmpty();
    }

    /** 01-validate: "_comment accepts a string". */
    @Test
    void comment_accepts_a_string() throws Exception {
        assertThat(parseProblems(V11 + "_comment: 1234")).containsExactly("_comment: expected a string");
        assertThat(parseProblems(V11 + "_comment: \"1234\"")).isEmpty();
        assertThat(parseProblems(V11 + "_comment:\n  foo: bar")).containsExactly("_comment: expected a string");
        assertThat(parseProblems(V11 + "_comment: I am a happy comment!")).isEmpty();
    }

    /** 01-validate: "_ignore accepts an array of anything". */
    @Test
    void ignore_accepts_an_array_of_anything() throws Exception {
        assertThat(parseProblems(V11 + "_ignore: 1234")).containsExactly("_ignore: expected an array");
        assertThat(parseProblems(V11 + "_ignore:\n- 1234")).isEmpty();
        assertThat(parseProblems(V11 + "_ignore:\n  foo: bar\n  bla: 123"))
                .containsExactly("_ignore: expected an array");
        assertThat(parseProblems(V11 + """
                _ignore:
                - foo: bar
                  bla: 123
                - "Hello, world"
                - 1234
                """)).isEmpty();
    }

    /** 01-validate: "_workspace accepts a name" (Tollgate ignores {@code _workspace}: both files are accepted). */
    @Test
    void workspace_accepts_a_name() throws Exception {
        assertThat(parseProblems(V11 + "_workspace: foo")).isEmpty();
        assertThat(parseProblems(V11 + "_workspace: f#oo")).isEmpty();
    }

    /** 01-validate: "core entities services: accepts an empty list". */
    @Test
    void services_accepts_an_empty_list() throws Exception {
        assertThat(parseProblems(V11 + "services:")).isEmpty();
    }

    /** 01-validate: "core entities services: accepts entities". */
    @Test
    void services_accepts_entities() throws Exception {
        assertThat(parseProblems(V11 + """
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
                """)).isEmpty();
    }

    /** 01-validate: "core entities services: verifies required fields". */
    @Test
    void services_verifies_required_fields() throws Exception {
        assertThat(parseProblems(V11 + "services:\n- name: foo"))
                .containsExactly("services[0]: schema violation (host: required field missing)");
    }

    /** 01-validate: "core entities services: performs regular validations". */
    @Test
    void services_performs_regular_validations() throws Exception {
        assertThat(parseProblems(V11 + """
                services:
                - name: foo
                  retries: -1
                  protocol: foo
                  host: 1234
                  port: 99999
                  path: /foo//bar/
                """))
                .containsExactly("services[0]: 5 schema violations (host: expected a string;"
                        + " path: must not have empty segments; port: value should be between 0 and 65535;"
                        + " protocol: expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp;"
                        + " retries: value should be between 0 and 32767)");
    }

    /** 01-validate: "core entities services: allows url shorthand". */
    @Test
    void services_allows_url_shorthand() throws Exception {
        assertThat(parseProblems(V11 + "services:\n- name: foo\n  url: https://example.com:8000/hello/world"))
                .isEmpty();
    }

    /** 01-validate: "core entities plugins: accepts an empty list". */
    @Test
    void plugins_accepts_an_empty_list() throws Exception {
        assertThat(parseProblems(V11 + "plugins:")).isEmpty();
    }

    /** 01-validate: "core entities plugins: accepts entities". */
    @Test
    void plugins_accepts_entities() throws Exception {
        assertThat(parseProblems(V11 + """
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
                """)).isEmpty();
    }

    /** 01-validate: "core entities plugins: allows foreign relationships as strings". */
    @Test
    void plugins_allows_foreign_relationships_as_strings() throws Exception {
        assertThat(parseProblems(V11 + """
                plugins:
                  - name: key-auth
                    route: foo
                  - name: http-log
                    service: svc1
                    consumer: my-consumer
                    config:
                      http_endpoint: https://example.com
                """)).isEmpty();
    }

    /** 01-validate: "plugins in services accepts an empty list". */
    @Test
    void plugins_in_services_accepts_an_empty_list() throws Exception {
        assertThat(parseProblems(V11 + "services:\n- name: foo\n  plugins: []\n  host: example.com"))
                .isEmpty();
    }

    /** 01-validate: "plugins in services accepts entities". */
    @Test
    void plugins_in_services_accepts_entities() throws Exception {
        assertThat(parseProblems(V11 + """
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
                """)).isEmpty();
    }

    /** 01-validate: "plugins in services verifies required fields". */
    @Test
    void plugins_in_services_verifies_required_fields() throws Exception {
        assertThat(parseProblems(SERVICE + "  plugins:\n  - enabled: true"))
                .containsExactly("services[0].plugins[0]: schema violation (name: required field missing)");
    }

    /** 01-validate: "plugins in services performs regular validations". */
    @Test
    void plugins_in_services_performs_regular_validations() throws Exception {
        assertThat(parseProblems(SERVICE + "  plugins:\n  - name: foo"))
                .containsExactly("services[0].plugins[0]: schema violation (name: plugin 'foo' not enabled;"
                        + " add it to the 'plugins' configuration property)");
    }

    /** 01-validate: "plugins in services does not accept additional foreign keys". */
    @Test
    void plugins_in_services_does_not_accept_additional_foreign_keys() throws Exception {
        assertThat(parseProblems(SERVICE + "  plugins:\n  - name: key-auth\n    consumer: foo"))
                .containsExactly("services[0].plugins[0]: schema violation (consumer: value must be null)");
    }

    /** 01-validate: "routes in services accepts an empty list". */
    @Test
    void routes_in_services_accepts_an_empty_list() throws Exception {
        assertThat(parseProblems(V11 + "services:\n- name: foo\n  routes: []\n  host: example.com"))
                .isEmpty();
    }

    /** 01-validate: "routes in services accepts entities". */
    @Test
    void routes_in_services_accepts_entities() throws Exception {
        assertThat(parseProblems(V11 + """
                services:
                - name: foo
                  host: example.com
                  protocol: https
                  routes:
                    - paths:
                      - /path
                    - hosts:
                      - example.com
                    - methods: ["GET", "POST"]
                - name: bar
                  host: example.test
                  port: 3000
                  routes:
                    - paths:
                      - /path
                      hosts:
                      - example.com
                      methods: ["GET", "POST"]
                """)).isEmpty();
    }

    /** 01-validate: "routes in services verifies required fields". */
    @Test
    void routes_in_services_verifies_required_fields() throws Exception {
        assertThat(parseProblems(SERVICE + "  routes:\n  - preserve_host: true"))
                .containsExactly("services[0].routes[0]: schema violation (must set one of 'methods', 'hosts',"
                        + " 'headers', 'paths', 'snis' when 'protocols' is 'https')");
    }

    /**
     * 01-validate: "routes in services performs regular validations" (Tollgate's message is Kong 3's, which names
     * regex paths too).
     */
    @Test
    void routes_in_services_performs_regular_validations() throws Exception {
        assertThat(parseProblems(SERVICE + "  routes:\n  - name: foo\n    paths:\n    - bla"))
                .containsExactly("services[0].routes[0]: schema violation"
                        + " (paths.1: should start with: / (fixed path) or ~/ (regex path))");
    }

    /** 01-validate: "plugins in routes in services accepts an empty list". */
    @Test
    void plugins_in_routes_in_services_accepts_an_empty_list() throws Exception {
        assertThat(parseProblems(V11 + """
                services:
                - name: foo
                  host: example.com
                  routes:
                  - name: foo
                    methods: ["GET"]
                    plugins: []
                """)).isEmpty();
    }

    /** 01-validate: "plugins in routes in services accepts entities". */
    @Test
    void plugins_in_routes_in_services_accepts_entities() throws Exception {
        assertThat(parseProblems(V11 + """
                services:
                - name: foo
                  host: example.com
                  protocol: https
                  routes:
                  - name: foo
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
                    paths:
                    - /
                    plugins:
                    - name: basic-auth
                    - name: tcp-log
                      config:
                        host: 127.0.0.1
                        port: 10000
                """)).isEmpty();
    }

    /** 01-validate: "plugins in routes in services verifies required fields". */
    @Test
    void plugins_in_routes_in_services_verifies_required_fields() throws Exception {
        assertThat(parseProblems(ROUTE + "    plugins:\n    - enabled: true"))
                .containsExactly("services[0].routes[0].plugins[0]: schema violation (name: required field missing)");
    }

    /** 01-validate: "plugins in routes in services performs regular validations". */
    @Test
    void plugins_in_routes_in_services_performs_regular_validations() throws Exception {
        assertThat(parseProblems(ROUTE + "    plugins:\n    - name: foo"))
                .containsExactly("services[0].routes[0].plugins[0]: schema violation (name: plugin 'foo' not"
                        + " enabled; add it to the 'plugins' configuration property)");
    }

    /** 01-validate: "plugins in routes in services does not accept additional foreign keys". */
    @Test
    void plugins_in_routes_in_services_does_not_accept_additional_foreign_keys() throws Exception {
        assertThat(parseProblems(ROUTE + "    plugins:\n    - name: key-auth\n      route: foo"))
                .containsExactly("services[0].routes[0].plugins[0]: schema violation (route: value must be null)");
    }

    /**
     * Not a Kong case: a nested list left empty ({@code routes:} with no value), as 01-validate's
     * "oauth2_credentials in consumers accepts an empty list" writes it, is an empty list.
     */
    @Test
    void a_nested_list_without_a_value_is_empty() throws Exception {
        assertThat(parseProblems(V11 + "services:\n- name: foo\n  host: example.com\n  routes:\n  plugins:"))
                .isEmpty();
    }

    /**
     * 04-on-the-fly-migration: "routes handling": a 1.1 file's regex path gains Kong 3's {@code ~} prefix, a plain
     * prefix path stays, and the entities' {@code _comment} / {@code _ignore} and {@code path_handling} are accepted.
     * Kong's parse also fills the defaults ({@code protocol: http}); Tollgate fills them when the entity is stored, so
     * the file's own fields are compared.
     */
    @Test
    void on_the_fly_migration_routes_handling() throws Exception {
        String yaml = V11 + """
                services:
                - name: foo
                  host: example.com
                  protocol: https
                  enabled: false
                  _comment: my comment
                  _ignore:
                  - foo: bar
                - name: bar
                  host: example.test
                  port: 3000
                  _comment: my comment
                  _ignore:
                  - foo: bar
                  tags: [hello, world]
                routes:
                - name: foo
                  path_handling: v1
                  protocols: ["https"]
                  paths: ["/regex.+", "/prefix" ]
                  snis:
                  - "example.com"
                  service: foo
                """;
        assertThat(parseProblems(yaml)).isEmpty();
        List<DeclaredEntity> entities = read(yaml).configuration().entities();

        assertThat(entities)
                .extracting(DeclaredEntity::kind)
                .containsExactly(EntityKind.SERVICES, EntityKind.SERVICES, EntityKind.ROUTES);
        assertThat(entities.get(0).fields())
                .containsEntry("name", "foo")
                .containsEntry("host", "example.com")
                .containsEntry("protocol", "https")
                .containsEntry("enabled", false)
                .doesNotContainKeys("_comment", "_ignore");
        assertThat(entities.get(1).fields())
                .containsEntry("name", "bar")
                .containsEntry("host", "example.test")
                .containsEntry("port", 3000)
                .containsEntry("tags", List.of("hello", "world"));
        assertThat(entities.get(2).fields())
                .containsEntry("name", "foo")
                .containsEntry("protocols", List.of("https"))
                .containsEntry("paths", List.of("~/regex.+", "/prefix"));
    }

    private static final String SERVICE = V11 + "services:\n- name: foo\n  url: https://example.com\n";
    private static final String ROUTE = SERVICE + "  routes:\n  - paths:\n    - /\n";
}
