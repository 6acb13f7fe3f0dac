package io.tollgate.bootstrap.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.admin.ConfigurationImport;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.entity.Entity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ports Kong's {@code spec/01-unit/01-db/01-schema/11-declarative_config/03-flatten_spec.lua} (35 cases): a nested
 * declarative file becomes flat entities, each with an id, its parent as {@code {"id": …}}, every field of its
 * schema ({@code null} when unset) and, for a reference that names no entity, Kong's
 * {@code invalid reference '<field>: <value>' (no such entry in '<entities>')}. Kong checks its flatten function's
 * output; Tollgate checks what {@code tollgate config db_import} stores ({@link DeclarativeReader}, then
 * {@link ConfigurationImport} over in-memory ports) or the problems it prints.
 *
 * <ul>
 *   <li>21 ported: services (4), plugins (4), a route nested without a name, identical targets under two upstreams,
 *       targets referring to upstreams by name (with the upstreams' defaults), and the 10 {@code basicauth_credentials}
 *       cases. Two of those differ: a credential whose {@code consumer} names no consumer fails with
 *       {@code consumer: value must be null} when nested and {@code invalid reference …} when not, where Kong's
 *       basic-auth entity check answers first ({@code all or none of these fields must be set: 'password',
 *       'consumer.id'}, beside {@code value must be null} when nested). Tollgate stores basic-auth passwords
 *       hashed, as Kong's Admin API does, so the stored password is not the one in the file.</li>
 *   <li>6 covered by {@link KongDeclarativeAutoFieldsSpecTest}, whose cases have the same inputs: plugins in services
 *       (2), routes in services ("accepts an empty list", "accepts multiple entities") and plugins in routes in
 *       services (2).</li>
 *   <li>8 no counterpart: the {@code oauth2_credentials} / {@code oauth2_tokens} cases (7) and {@code jwt_secrets}
 *       (1): Tollgate has no oauth2 or jwt plugin, so no such entities.</li>
 * </ul>
 */
class KongDeclarativeFlattenSpecTest extends DeclarativeSpecSupport {

    /** "services: accepts an empty list". */
    @Test
    void services_accept_an_empty_list() throws Exception {
        assertThat(importProblems(V11 + "services:\n")).isEmpty();
        assertThat(rows(EntityKind.SERVICES)).isEmpty();
    }

    /** "services: accepts entities": every field is there, the unset ones as {@code null}. */
    @Test
    void services_accept_entities() throws Exception {
        assertThat(importProblems(V11 + """
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
                  tags: [hello, world]
                """)).isEmpty();
        assertThat(named(EntityKind.SERVICES, "bar"))
                .containsEntry("protocol", "http")
                .containsEntry("port", 3000L)
                .containsEntry("tags", List.of("hello", "world"))
                .containsEntry("path", null)
                .containsEntry("client_certificate", null)
                .containsKeys("id", "created_at", "updated_at");
        assertThat(named(EntityKind.SERVICES, "foo"))
                .containsEntry("protocol", "https")
                .containsEntry("port", 80L)
                .containsEntry("tags", null)
                .containsEntry("path", null)
                .containsEntry("client_certificate", null);
    }

    /** "services: accepts field names with the same name as entities" (a route's {@code snis}). */
    @Test
    void a_field_named_as_an_entity_is_a_field() throws Exception {
        assertThat(importProblems(V11 + """
                routes:
                - name: foo
                  path_handling: v1
                  protocols: ["tls"]
                  snis:
                  - "example.com"
                """)).isEmpty();
        assertThat(named(EntityKind.ROUTES, "foo"))
                .containsEntry("snis", List.of("example.com"))
                .containsEntry("protocols", List.of("tls"))
                .containsEntry("service", null)
                .containsEntry("paths", null)
                .containsEntry("hosts", null)
                .containsEntry("methods", null)
                .containsEntry("sources", null)
                .containsEntry("destinations", null)
                .containsEntry("headers", null)
                .containsEntry("https_redirect_status_code", 426L);
        assertThat(rows(EntityKind.SNIS)).isEmpty();
    }

    /** "services: allows url shorthand". */
    @Test
    void services_allow_the_url_shorthand() throws Exception {
        assertThat(importProblems(V11 + """
                services:
                - name: foo
                  url: https://example.com:8000/hello/world
                """)).isEmpty();
        assertThat(named(EntityKind.SERVICES, "foo"))
                .containsEntry("protocol", "https")
                .containsEntry("host", "example.com")
                .containsEntry("port", 8000L)
                .containsEntry("path", "/hello/world")
                .containsEntry("tags", null)
                .doesNotContainKey("url");
    }

    /** "plugins: accepts an empty list". */
    @Test
    void plugins_accept_an_empty_list() throws Exception {
        assertThat(importProblems(V11 + "plugins:\n")).isEmpty();
        assertThat(rows(EntityKind.PLUGINS)).isEmpty();
    }

    /** "plugins: accepts entities": global plugins, with every scope {@code null}. */
    @Test
    void plugins_accept_entities() throws Exception {
        assertThat(importProblems(V11 + """
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
        for (String name : List.of("key-auth", "http-log")) {
            assertThat(named(EntityKind.PLUGINS, name))
                    .containsEntry("consumer", null)
                    .containsEntry("service", null)
                    .containsEntry("route", null)
                    .containsEntry("tags", null)
                    .containsEntry("enabled", true);
        }
        assertThat(config(named(EntityKind.PLUGINS, "key-auth"))).containsEntry("anonymous", null);
    }

    /** "plugins: fails with missing foreign relationships": every missing reference is named, by field. */
    @Test
    void plugins_fail_with_missing_foreign_relationships() throws Exception {
        assertThat(importProblems(V11 + """
                plugins:
                  - name: http-log
                    service: svc1
                    consumer: my-consumer
                    config:
                      http_endpoint: https://example.com
                """))
                .containsExactly("plugins[0]: invalid reference 'consumer: my-consumer' (no such entry in 'consumers'),"
                        + " invalid reference 'service: svc1' (no such entry in 'services')");
        assertThat(rows(EntityKind.PLUGINS)).isEmpty();
    }

    /** "plugins: succeeds with present foreign relationships". */
    @Test
    void plugins_succeed_with_present_foreign_relationships() throws Exception {
        assertThat(importProblems(V11 + """
                services:
                  - name: svc1
                    host: example.com
                routes:
                  - name: r1
                    path_handling: v1
                    paths: [/]
                    service: svc1
                consumers:
                  - username: my-consumer
                plugins:
                  - name: key-auth
                    route: r1
                  - name: http-log
                    service: svc1
                    consumer: my-consumer
                    config:
                      http_endpoint: https://example.com
                """)).isEmpty();
        assertThat(named(EntityKind.ROUTES, "r1")).containsEntry("service", ref(EntityKind.SERVICES, "svc1"));
        assertThat(named(EntityKind.PLUGINS, "key-auth"))
                .containsEntry("route", ref(EntityKind.ROUTES, "r1"))
                .containsEntry("service", null)
                .containsEntry("consumer", null);
        assertThat(named(EntityKind.PLUGINS, "http-log"))
                .containsEntry("route", null)
                .containsEntry("service", ref(EntityKind.SERVICES, "svc1"))
                .containsEntry("consumer", ref(EntityKind.CONSUMERS, "my-consumer"));
        assertThat(named(EntityKind.CONSUMERS, "my-consumer"))
                .containsEntry("custom_id", null)
                .containsEntry("tags", null);
    }

    /** "nested relationships: routes in services: accepts a single entity" (a route without a name). */
    @Test
    void a_route_nested_without_a_name() throws Exception {
        assertThat(importProblems(V11 + """
                services:
                - name: foo
                  host: example.com
                  protocol: https
                  routes:
                    - path_handling: v1
                      paths:
                      - /path
                """)).isEmpty();
        assertThat(rows(EntityKind.ROUTES))
                .singleElement()
                .satisfies(route -> assertThat(route.fields())
                        .containsEntry("name", null)
                        .containsEntry("paths", List.of("/path"))
                        .containsEntry("service", ref(EntityKind.SERVICES, "foo")));
    }

    /** "upstream: identical targets": the same target under two upstreams is two targets. */
    @Test
    void identical_targets_under_two_upstreams() throws Exception {
        assertThat(importProblems(V11 + """
                upstreams:
                - name: first-upstream
                  targets:
                  - target: 127.0.0.1:6661
                    weight: 1
                - name: second-upstream
                  targets:
                  - target: 127.0.0.1:6661
                    weight: 1
                """)).isEmpty();
        assertThat(rows(EntityKind.TARGETS))
                .extracting(t -> t.get("upstream"))
                .containsExactlyInAnyOrder(
                        ref(EntityKind.UPSTREAMS, "first-upstream"), ref(EntityKind.UPSTREAMS, "second-upstream"));
        assertThat(rows(EntityKind.TARGETS))
                .allSatisfy(t -> assertThat(t.fields())
                        .containsEntry("target", "127.0.0.1:6661")
                        .containsEntry("weight", 1L)
                        .containsEntry("tags", null));
    }

    /** "flat relationships: targets (not globally unique) to upstreams: accepts entities". */
    @Test
    void targets_refer_to_upstreams_by_name() throws Exception {
        assertThat(importProblems(V11 + """
                upstreams:
                - name: first-upstream
                - name: second-upstream
                targets:
                - upstream: first-upstream
                  target: 127.0.0.1:6661
                  weight: 1
                - upstream: second-upstream
                  target: 127.0.0.1:6661
                  weight: 1
                """)).isEmpty();
        assertThat(rows(EntityKind.TARGETS))
                .extracting(t -> t.get("upstream"))
                .containsExactlyInAnyOrder(
                        ref(EntityKind.UPSTREAMS, "first-upstream"), ref(EntityKind.UPSTREAMS, "second-upstream"));
        Map<String, Object> upstream = named(EntityKind.UPSTREAMS, "first-upstream");
        assertThat(upstream)
                .containsEntry("algorithm", "round-robin")
                .containsEntry("hash_on", "none")
                .containsEntry("hash_fallback", "none")
                .containsEntry("hash_on_cookie_path", "/")
                .containsEntry("hash_on_header", null)
                .containsEntry("host_header", null)
                .containsEntry("slots", 10000L);
        Map<String, Object> healthchecks = map(upstream.get("healthchecks"));
        assertThat(healthchecks).containsEntry("threshold", 0.0);
        Map<String, Object> active = map(healthchecks.get("active"));
        assertThat(active)
                .containsEntry("concurrency", 10L)
                .containsEntry("http_path", "/")
                .containsEntry("https_sni", null)
                .containsEntry("https_verify_certificate", true)
                .containsEntry("timeout", 1.0)
                .containsEntry("type", "http");
        assertThat(map(active.get("healthy")))
                .containsEntry("http_statuses", List.of(200L, 302L))
                .containsEntry("interval", 0.0)
                .containsEntry("successes", 0L);
        assertThat(map(active.get("unhealthy")))
                .containsEntry("http_statuses", List.of(429L, 404L, 500L, 501L, 502L, 503L, 504L, 505L))
                .containsEntry("http_failures", 0L)
                .containsEntry("tcp_failures", 0L)
                .containsEntry("timeouts", 0L)
                .containsEntry("interval", 0.0);
        Map<String, Object> passive = map(healthchecks.get("passive"));
        assertThat(passive).containsEntry("type", "http");
        assertThat(map(passive.get("healthy")))
                .containsEntry(
                        "http_statuses",
                        List.of(
                                200L, 201L, 202L, 203L, 204L, 205L, 206L, 207L, 208L, 226L, 300L, 301L, 302L, 303L,
                                304L, 305L, 306L, 307L, 308L))
                .containsEntry("successes", 0L);
        assertThat(map(passive.get("unhealthy")))
                .containsEntry("http_statuses", List.of(429L, 500L, 503L))
                .containsEntry("http_failures", 0L)
                .containsEntry("tcp_failures", 0L)
                .containsEntry("timeouts", 0L);
    }

    /** "basicauth_credentials: accepts an empty list" (three files). */
    @Test
    void basicauth_credentials_accept_an_empty_list() throws Exception {
        assertThat(importProblems(V11 + "basicauth_credentials:\n")).isEmpty();
        assertThat(importProblems(V11 + "consumers:\nbasicauth_credentials:\n")).isEmpty();
        assertThat(importProblems(V11 + "consumers:\n- username: consumer\n  basicauth_credentials:\n"))
                .isEmpty();
        assertThat(rows(EntityKind.CONSUMERS))
                .singleElement()
                .satisfies(c -> assertThat(c.fields())
                        .containsEntry("username", "consumer")
                        .containsEntry("custom_id", null)
                        .containsEntry("tags", null));
        assertThat(rows(EntityKind.BASICAUTH_CREDENTIALS)).isEmpty();
    }

    /** "basicauth_credentials: accepts as a nested entity". */
    @Test
    void basicauth_credential_nested() throws Exception {
        assertThat(importProblems(CONSUMER + """
                  basicauth_credentials:
                  - username: username
                    password: password
                """)).isEmpty();
        assertCredentialOfTheConsumer();
    }

    /** "basicauth_credentials: accepts as a nested entity by id". */
    @Test
    void basicauth_credential_nested_naming_its_consumer_by_id() throws Exception {
        assertThat(importProblems(CONSUMER_WITH_ID + """
                  basicauth_credentials:
                  - username: username
                    password: password
                    consumer: 0fe87b4a-ce29-515a-88ec-8547e66550b9
                """)).isEmpty();
        assertCredentialOfTheConsumer();
    }

    /** "basicauth_credentials: fails as a nested entity by incorrect id". */
    @Test
    void basicauth_credential_nested_naming_another_id() throws Exception {
        assertThat(importProblems(CONSUMER_WITH_ID + """
                  basicauth_credentials:
                  - username: username
                    password: password
                    consumer: 00000000-0000-0000-0000-000000000000
                """))
                .containsExactly(
                        "consumers[0].basicauth_credentials[0]: schema violation (consumer: value must be null)");
        assertThat(rows(EntityKind.CONSUMERS)).isEmpty();
    }

    /** "basicauth_credentials: accepts as a nested entity by username". */
    @Test
    void basicauth_credential_nested_naming_its_consumer_by_username() throws Exception {
        assertThat(importProblems(CONSUMER + """
                  basicauth_credentials:
                  - username: username
                    password: password
                    consumer: consumer
                """)).isEmpty();
        assertCredentialOfTheConsumer();
    }

    /** "basicauth_credentials: fails as a nested entity by incorrect username". */
    @Test
    void basicauth_credential_nested_naming_another_username() throws Exception {
        assertThat(importProblems(CONSUMER + """
                  basicauth_credentials:
                  - username: username
                    password: password
                    consumer: incorrect
                """))
                .containsExactly(
                        "consumers[0].basicauth_credentials[0]: schema violation (consumer: value must be null)");
        assertThat(rows(EntityKind.CONSUMERS)).isEmpty();
    }

    /** "basicauth_credentials: accepts as an unnested entity by id". */
    @Test
    void basicauth_credential_referring_to_its_consumer_by_id() throws Exception {
        assertThat(importProblems(CONSUMER_WITH_ID + """
                basicauth_credentials:
                - consumer: 0fe87b4a-ce29-515a-88ec-8547e66550b9
                  username: username
                  password: password
                """)).isEmpty();
        assertCredentialOfTheConsumer();
    }

    /** "basicauth_credentials: fails as an unnested entity by incorrect id". */
    @Test
    void basicauth_credential_referring_to_a_missing_id() throws Exception {
        assertThat(importProblems(CONSUMER_WITH_ID + """
                basicauth_credentials:
                - consumer: 00000000-0000-0000-0000-000000000000
                  username: username
                  password: password
                """))
                .containsExactly("basicauth_credentials[0]: invalid reference"
                        + " 'consumer: 00000000-0000-0000-0000-000000000000' (no such entry in 'consumers')");
        assertThat(rows(EntityKind.CONSUMERS)).as("nothing is written").isEmpty();
    }

    /** "basicauth_credentials: accepts as an unnested entity by username". */
    @Test
    void basicauth_credential_referring_to_its_consumer_by_username() throws Exception {
        assertThat(importProblems(CONSUMER + """
                basicauth_credentials:
                - consumer: consumer
                  username: username
                  password: password
                """)).isEmpty();
        assertCredentialOfTheConsumer();
    }

    /** "basicauth_credentials: fails as an unnested entity by incorrect username". */
    @Test
    void basicauth_credential_referring_to_a_missing_username() throws Exception {
        assertThat(importProblems(CONSUMER + """
                basicauth_credentials:
                - consumer: incorrect
                  username: username
                  password: password
                """))
                .containsExactly("basicauth_credentials[0]: invalid reference 'consumer: incorrect'"
                        + " (no such entry in 'consumers')");
        assertThat(rows(EntityKind.CONSUMERS)).as("nothing is written").isEmpty();
    }

    private static final String CONSUMER = V11 + "consumers:\n- username: consumer\n";
    private static final String CONSUMER_WITH_ID =
            V11 + "consumers:\n- id: 0fe87b4a-ce29-515a-88ec-8547e66550b9\n  username: consumer\n";

    private void assertCredentialOfTheConsumer() {
        assertThat(rows(EntityKind.BASICAUTH_CREDENTIALS))
                .singleElement()
                .satisfies(c -> assertThat(c.fields())
                        .containsEntry("consumer", ref(EntityKind.CONSUMERS, "consumer"))
                        .containsEntry("username", "username")
                        .containsEntry("tags", null)
                        .doesNotContainEntry("password", "password")
                        .containsKeys("id", "created_at"));
    }

    private List<Entity> rows(EntityKind kind) {
        return ports.store.rows(Schemas.of(kind));
    }

    /** The stored {@code kind} entity whose name (or username) is {@code name}: its fields. */
    private Map<String, Object> named(EntityKind kind, String name) {
        String field = kind == EntityKind.CONSUMERS ? "username" : "name";
        List<Entity> matches =
                rows(kind).stream().filter(e -> name.equals(e.get(field))).toList();
        assertThat(matches).as("%s named %s", kind, name).hasSize(1);
        return map(matches.get(0).fields());
    }

    /** The reference a child holds to the {@code kind} entity named {@code name}: {@code {"id": …}}. */
    private Map<String, Object> ref(EntityKind kind, String name) {
        return Map.of("id", String.valueOf(named(kind, name).get("id")));
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
