package io.tollgate.adapter.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code /schemas…}, {@code /endpoints} and {@code /openapi.json}, checked against the live Admin API. */
class AdminIntrospectionIT extends AdminApiITSupport {

    /** Paths Kong 3.x answers for the entities of this version; each must be routed and documented. */
    private static final List<String> KONG_PATHS = List.of(
            "/",
            "/status",
            "/endpoints",
            "/plugins/enabled",
            "/config",
            "/tags",
            "/tags/{tags}",
            "/cache",
            "/cache/{key}",
            "/schemas/{db_entity_name}",
            "/schemas/{db_entity_name}/validate",
            "/schemas/plugins/{name}",
            "/schemas/plugins/validate",
            "/services",
            "/services/{services}",
            "/services/{services}/routes",
            "/services/{services}/routes/{routes}",
            "/services/{services}/plugins",
            "/services/{services}/plugins/{plugins}",
            "/routes",
            "/routes/{routes}",
            "/routes/{routes}/service",
            "/routes/{routes}/plugins",
            "/routes/{routes}/plugins/{plugins}",
            "/consumers",
            "/consumers/{consumers}",
            "/consumers/{consumers}/plugins",
            "/consumers/{consumers}/plugins/{plugins}",
            "/consumers/{consumers}/key-auth",
            "/consumers/{consumers}/key-auth/{keyauth_credentials}",
            "/plugins",
            "/plugins/{plugins}",
            "/plugins/{plugins}/route",
            "/plugins/{plugins}/service",
            "/plugins/{plugins}/consumer",
            "/key-auths",
            "/key-auths/{keyauth_credentials}",
            "/key-auths/{keyauth_credentials}/consumer");

    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    /** The single-reference endpoints' templates, e.g. {@code /routes/{routes}/service}. */
    private static final String REFERENCE =
            ".*/\\{[^}]+}/(client_certificate|certificate|consumer|route|service|upstream|set)$";

    @Test
    void entity_schemas_in_kongs_shape() {
        AdminClient.Reply services = admin.get("/schemas/services");
        assertThat(services.status()).isEqualTo(200);
        JsonNode fields = services.json().get("fields");
        assertThat(fields.get(0)).isEqualTo(json("{\"id\":{\"type\":\"string\",\"auto\":true,\"uuid\":true}}"));
        assertThat(field(fields, "port"))
                .as("declarative validators are shown as Kong shows them")
                .isEqualTo(json("{\"type\":\"integer\",\"required\":true,\"default\":80,\"between\":[0,65535]}"));
        assertThat(field(fields, "protocol").get("one_of"))
                .extracting(JsonNode::asText)
                .contains("http", "https", "grpc", "tcp");
        assertThat(field(fields, "name")).isEqualTo(json("{\"type\":\"string\",\"unique\":true}"));
        assertThat(field(fields, "tags")).isEqualTo(json("{\"type\":\"set\",\"elements\":{\"type\":\"string\"}}"));
        assertThat(services.json().get("endpoint_key").asText()).isEqualTo("name");

        JsonNode routes = admin.get("/schemas/routes").json().get("fields");
        assertThat(field(routes, "service"))
                .isEqualTo(json("{\"type\":\"foreign\",\"reference\":\"services\",\"on_delete\":\"restrict\"}"));
        assertThat(field(routes, "headers"))
                .isEqualTo(json("{\"type\":\"map\",\"keys\":{\"type\":\"string\"},"
                        + "\"values\":{\"type\":\"array\",\"elements\":{\"type\":\"string\"}}}"));
        assertThat(admin.get("/schemas/key-auths").json())
                .isEqualTo(admin.get("/schemas/keyauth_credentials").json());
        assertThat(field(admin.get("/schemas/key-auths").json().get("fields"), "key"))
                .as("a secret is shown as Kong's encrypted field")
                .isEqualTo(json("{\"type\":\"string\",\"unique\":true,\"encrypted\":true,\"auto\":true}"));
        assertThat(field(admin.get("/schemas/certificates").json().get("fields"), "key")
                        .get("referenceable"))
                .as("a field that takes a {vault://…} reference is Kong's referenceable field")
                .isEqualTo(json("true"));
        assertThat(field(admin.get("/schemas/certificates").json().get("fields"), "id")
                        .has("referenceable"))
                .isFalse();
        assertReply(admin.get("/schemas/nope"), 404, "{\"message\":\"No entity named 'nope'\"}");
    }

    /**
     * Kong's {@code entity_checks} in {@code GET /schemas/{entity}} (consumers.lua, keys.lua, services.lua,
     * upstreams.lua, routes' {@code sources} record) and {@code GET /schemas/plugins/{name}}.
     */
    @Test
    void entity_schemas_show_kongs_entity_checks() {
        assertThat(admin.get("/schemas/consumers").json().get("entity_checks"))
                .isEqualTo(json("[{\"at_least_one_of\":[\"custom_id\",\"username\"]}]"));
        assertThat(admin.get("/schemas/keys").json().get("entity_checks"))
                .isEqualTo(json("[{\"mutually_exclusive\":[\"jwk\",\"pem\"]},{\"at_least_one_of\":[\"jwk\",\"pem\"]},"
                        + "{\"custom_entity_check\":{\"field_sources\":[\"jwk\",\"pem\",\"kid\"]}}]"));
        assertThat(admin.get("/schemas/services").json().get("entity_checks").get(1))
                .isEqualTo(json(
                        "{\"conditional\":{\"if_field\":\"protocol\",\"if_match\":{\"not_one_of\":[\"https\",\"tls\"]},"
                                + "\"then_field\":\"client_certificate\",\"then_match\":{\"eq\":null}}}"));
        assertThat(admin.get("/schemas/upstreams").json().get("entity_checks"))
                .contains(json("{\"conditional\":{\"if_field\":\"hash_on\",\"if_match\":{\"one_of\":[\"header\"]},"
                        + "\"then_field\":\"hash_on_header\",\"then_match\":{\"required\":true}}}"))
                .contains(json("{\"distinct\":[\"hash_on_header\",\"hash_fallback_header\"]}"));
        JsonNode sources = field(admin.get("/schemas/routes").json().get("fields"), "sources");
        assertThat(sources.get("elements").get("entity_checks"))
                .isEqualTo(json("[{\"at_least_one_of\":[\"ip\",\"port\"]}]"));
        JsonNode termination =
                field(admin.get("/schemas/plugins/request-termination").json().get("fields"), "config");
        assertThat(termination.has("entity_checks"))
                .as("a record's custom_validator is a function, which Kong's schemas do not show")
                .isFalse();
        assertThat(admin.get("/schemas/key_sets").json().get("entity_checks"))
                .as("no checks: an empty list, as Kong's (02-kong_routes_spec: every entity has one)")
                .isEqualTo(json("[]"));
    }

    @Test
    void plugin_schemas_carry_their_config() {
        JsonNode keyAuth = admin.get("/schemas/plugins/key-auth").json();
        JsonNode config = field(keyAuth.get("fields"), "config").get("fields");
        assertThat(field(config, "key_names"))
                .isEqualTo(json("{\"type\":\"array\",\"required\":true,"
                        + "\"default\":[\"apikey\"],\"elements\":{\"type\":\"string\"}}"));
        assertReply(admin.get("/schemas/plugins/nope"), 404, "{\"message\":\"No plugin named 'nope'\"}");
        JsonNode consumer = field(keyAuth.get("fields"), "consumer");
        assertThat(consumer.get("eq"))
                .as("Kong's typedefs.no_consumer: {\"type\":\"foreign\",\"reference\":\"consumers\",\"eq\":null}")
                .isEqualTo(json("null"));
        assertThat(consumer.get("reference")).isEqualTo(json("\"consumers\""));
        assertThat(field(keyAuth.get("fields"), "route").has("eq")).isFalse();
        assertThat(keyAuth.get("entity_checks")).isEqualTo(json("[]"));
    }

    @Test
    void validation_endpoints_write_nothing() {
        assertReply(
                admin.json("POST", "/schemas/services/validate", "{\"host\":\"a.test\"}"),
                200,
                "{\"message\":\"schema validation successful\"}");
        assertReply(
                admin.json("POST", "/schemas/services/validate", "{\"host\":\"a.test\",\"port\":\"x\",\"bad\":1}"),
                400,
                "{\"code\":2,\"name\":\"schema violation\",\"message\":\"2 schema violations "
                        + "(bad: unknown field; port: expected an integer)\","
                        + "\"fields\":{\"bad\":\"unknown field\",\"port\":\"expected an integer\"}}");
        assertReply(
                admin.form("POST", "/schemas/routes/validate", "paths=/a&strip_path=false"),
                200,
                "{\"message\":\"schema validation successful\"}");
        assertReply(
                admin.json(
                        "POST",
                        "/schemas/plugins/validate",
                        "{\"name\":\"key-auth\",\"config\":{\"key_names\":[\"x-key\"]}}"),
                200,
                "{\"message\":\"schema validation successful\"}");
        assertReply(
                admin.json(
                        "POST",
                        "/schemas/plugins/validate",
                        "{\"name\":\"key-auth\",\"consumer\":{\"id\":\"" + UUID.randomUUID() + "\"}}"),
                400,
                "{\"code\":2,\"name\":\"schema violation\",\"message\":\"schema violation "
                        + "(consumer: value must be null)\",\"fields\":{\"consumer\":\"value must be null\"}}");
        assertReply(
                admin.json("POST", "/schemas/plugins/validate", "{\"name\":\"nope\"}"),
                400,
                "{\"code\":2,\"name\":\"schema violation\",\"message\":\"schema violation (name: plugin 'nope' not "
                        + "enabled; add it to the 'plugins' configuration property)\",\"fields\":{\"name\":"
                        + "\"plugin 'nope' not enabled; add it to the 'plugins' configuration property\"}}");
        assertReply(
                admin.json("POST", "/schemas/plugins/validate", "{bad json"),
                400,
                "{\"message\":\"Cannot parse JSON body\"}");
        assertReply(
                admin.json("POST", "/schemas/nope/validate", "{}"), 404, "{\"message\":\"No entity named 'nope'\"}");
        assertReply(admin.get("/schemas/services/validate"), 405, "{\"message\":\"Method not allowed\"}");
        assertReply(admin.get("/schemas/a/b/c"), 404, "{\"message\":\"Not found\"}");
        assertThat(ENTITIES.all(io.tollgate.domain.service.Services.SCHEMA)).isEmpty();
    }

    @Test
    void endpoints_lists_every_path_in_kongs_order() {
        List<String> endpoints = new ArrayList<>();
        admin.get("/endpoints").json().get("data").forEach(p -> endpoints.add(p.asText()));
        assertThat(endpoints).containsAll(KONG_PATHS).contains("/openapi.json").doesNotHaveDuplicates();
        assertThat(endpoints.get(0)).isEqualTo("/");
        assertThat(endpoints.indexOf("/services/{services}/routes"))
                .isLessThan(endpoints.indexOf("/services/{services}/routes/{routes}"));
        assertThat(endpoints).isSortedAccordingTo(AdminRoute.KONG_ORDER);
        assertThat(endpoints.indexOf("/plugins/enabled")).isLessThan(endpoints.indexOf("/plugins/{plugins}"));
    }

    @Test
    void the_openapi_document_matches_the_live_endpoints() {
        AdminClient.Reply reply = admin.get("/openapi.json");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode doc = reply.json();
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        assertThat(doc.get("info").get("version").asText()).isEqualTo("3.10.0");

        List<String> documented = new ArrayList<>();
        doc.get("paths").fieldNames().forEachRemaining(documented::add);
        List<String> routed = new ArrayList<>();
        admin.get("/endpoints").json().get("data").forEach(p -> routed.add(p.asText()));
        assertThat(documented)
                .as("every routed path is documented and nothing else")
                .containsExactlyInAnyOrderElementsOf(routed)
                .containsAll(KONG_PATHS);

        Map<String, String> ids = fixtures();
        for (String path : documented) {
            TreeSet<String> methods = new TreeSet<>();
            for (Iterator<String> it = doc.get("paths").get(path).fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!name.equals("parameters")) {
                    methods.add(name.toUpperCase(Locale.ROOT));
                }
            }
            // {name} is a plugin's name, except under /schemas/vaults/ where it is an installed vault's
            String live = path.equals("/schemas/vaults/{name}") ? "/schemas/vaults/env" : fill(path, ids);
            AdminClient.Reply options = admin.send("OPTIONS", live, null, (byte[]) null);
            assertThat(options.status()).as("OPTIONS " + live).isEqualTo(204);
            // Kong's Allow: the methods, HEAD wherever GET is, OPTIONS, sorted; a single-reference endpoint also
            // answers DELETE (always 404 or 405, so the document does not list it)
            TreeSet<String> allowed = new TreeSet<>(methods);
            if (methods.contains("GET")) {
                allowed.add("HEAD");
            }
            if (path.matches(REFERENCE)) {
                allowed.add("DELETE");
            }
            allowed.add("OPTIONS");
            assertThat(options.header("Allow")).as("methods of " + path).isEqualTo(String.join(", ", allowed));
            if (methods.contains("GET")) {
                AdminClient.Reply got = admin.get(live);
                boolean fixtured = PARAM.matcher(path).results().allMatch(r -> ids.containsKey(r.group(1)))
                        && !path.matches(REFERENCE);
                // Entities without a fixture here (certificates need PEMs) and unset single references (a service's
                // client_certificate) are routed (OPTIONS above) but answer 404, as Kong does.
                assertThat(got.status())
                        .as("GET " + live + ": " + got.body())
                        .isIn(
                                live.equals("/config")
                                        ? List.of(400) // Kong's DB-less endpoint, in database mode
                                        : fixtured ? List.of(200) : List.of(200, 404));
            }
        }
        assertThat(admin.send("OPTIONS", "/undocumented", null, (byte[]) null).status())
                .isEqualTo(404);
    }

    @Test
    void the_openapi_components_are_the_domain_schemas() {
        JsonNode schemas = admin.get("/openapi.json").json().get("components").get("schemas");
        assertThat(schemas.get("services").get("properties").get("port"))
                .isEqualTo(json("{\"type\":\"integer\",\"default\":80}"));
        assertThat(schemas.get("services.input").get("required")).isEqualTo(json("[\"host\"]"));
        assertThat(schemas.get("services.input").get("properties").has("url")).isTrue();
        assertThat(schemas.get("keyauth_credentials.input").get("required")).isEqualTo(json("[\"consumer\"]"));
        assertThat(schemas.has("plugins.config.key-auth")).isTrue();
        JsonNode list =
                admin.get("/openapi.json").json().get("paths").get("/services").get("get");
        List<String> params = new ArrayList<>();
        list.get("parameters").forEach(p -> params.add(p.get("name").asText()));
        assertThat(params).containsExactly("size", "offset", "tags");
    }

    /** One entity of each core schema, linked so every single-reference and nested path resolves. */
    private Map<String, String> fixtures() {
        Map<String, String> ids = new HashMap<>();
        ids.put(
                "services",
                created(admin.json("POST", "/services", "{\"name\":\"s\",\"host\":\"s.test\"," + "\"tags\":[\"t\"]}"))
                        .get("id")
                        .asText());
        ids.put(
                "routes",
                created(admin.json(
                                "POST",
                                "/routes",
                                "{\"name\":\"r\",\"paths\":[\"/r\"]," + "\"service\":{\"id\":\"" + ids.get("services")
                                        + "\"}}"))
                        .get("id")
                        .asText());
        ids.put(
                "consumers",
                created(admin.json("POST", "/consumers", "{\"username\":\"c\"}"))
                        .get("id")
                        .asText());
        ids.put(
                "plugins",
                created(admin.json(
                                "POST",
                                "/plugins",
                                "{\"name\":\"request-termination\","
                                        + "\"route\":{\"id\":\"" + ids.get("routes") + "\"},\"service\":{\"id\":\""
                                        + ids.get("services")
                                        + "\"},\"consumer\":{\"id\":\"" + ids.get("consumers") + "\"}}"))
                        .get("id")
                        .asText());
        ids.put(
                "keyauth_credentials",
                created(admin.json("POST", "/consumers/c/key-auth", "{}"))
                        .get("id")
                        .asText());
        ids.put(
                "basicauth_credentials",
                created(admin.json("POST", "/consumers/c/basic-auth", "{\"username\":\"u\",\"password\":\"p\"}"))
                        .get("id")
                        .asText());
        ids.put(
                "acls",
                created(admin.json("POST", "/consumers/c/acls", "{\"group\":\"g\"}"))
                        .get("id")
                        .asText());
        ids.put(
                "jwt_secrets",
                created(admin.json("POST", "/consumers/c/jwt", "{}")).get("id").asText());
        ids.put(
                "hmacauth_credentials",
                created(admin.json("POST", "/consumers/c/hmac-auth", "{\"username\":\"h\"}"))
                        .get("id")
                        .asText());
        ids.put(
                "upstreams",
                created(admin.json("POST", "/upstreams", "{\"name\":\"up.test\"}"))
                        .get("id")
                        .asText());
        ids.put(
                "targets",
                created(admin.json("POST", "/upstreams/up.test/targets", "{\"target\":\"10.0.0.1:80\"}"))
                        .get("id")
                        .asText());
        ids.put("tags", "t");
        ids.put("db_entity_name", "services");
        ids.put("name", "key-auth");
        NODE.cache.put("k", java.util.Optional.empty());
        ids.put("key", "k");
        return ids;
    }

    /** The template with each {@code {param}} replaced by a fixture (routes nested under services use theirs). */
    private static String fill(String template, Map<String, String> ids) {
        Matcher m = PARAM.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String id = ids.getOrDefault(m.group(1), "00000000-0000-4000-8000-000000000000");
            m.appendReplacement(out, id);
        }
        m.appendTail(out);
        return out.toString();
    }

    private static JsonNode field(JsonNode fields, String name) {
        for (JsonNode f : fields) {
            if (f.has(name)) {
                return f.get(name);
            }
        }
        throw new AssertionError("no field " + name + " in " + fields);
    }
}
