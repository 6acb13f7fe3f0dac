package io.tollgate.bootstrap.e2e;

import static io.tollgate.domain.testing.PemFixtures.pem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One valid example body per entity schema of {@link io.tollgate.domain.catalog.schemas.Schemas#ALL}, for the CRUD round
 * trips of {@link AdminApiSuiteIT}, and the translation of a JSON body into Kong's form syntax ({@code a.b=},
 * {@code a[]=}).
 */
final class AdminExamples {

    /**
     * @param collection the path a POST creates at (targets exist only below their upstream)
     * @param body the example for a variant ({@code "json"} or {@code "form"}), unique per variant
     */
    record Example(String collection, Function<String, ObjectNode> body) {}

    /** The parents the examples refer to, created beforehand. */
    record Parents(String certificate, String service, String consumer, String upstream) {}

    private AdminExamples() {}

    /** Examples by Kong schema name. */
    static Map<String, Example> of(Parents p) {
        Map<String, Example> examples = new LinkedHashMap<>();
        examples.put(
                "certificates",
                new Example(
                        "/certificates",
                        v -> object().put("cert", pem("rsa.crt")).put("key", pem("rsa.key"))));
        examples.put(
                "snis",
                new Example(
                        "/snis",
                        v -> withRef(object().put("name", v + ".crud.example.com"), "certificate", p.certificate())));
        examples.put("ca_certificates", new Example("/ca_certificates", v -> object().put("cert", pem("ca.crt"))));
        examples.put(
                "services",
                new Example(
                        "/services",
                        v -> object().put("name", "crud-" + v)
                                .put("url", "https://crud-" + v + ".test:8443/base")
                                .put("retries", 2)));
        examples.put("routes", new Example("/routes", v -> {
            ObjectNode route = object().put("name", "crud-" + v).put("strip_path", false);
            route.putArray("paths").add("/crud-" + v).add("/crud-" + v + "-2");
            route.putArray("methods").add("GET");
            return withRef(route, "service", p.service());
        }));
        examples.put(
                "consumers",
                new Example(
                        "/consumers", v -> object().put("username", "crud-" + v).put("custom_id", "custom-" + v)));
        examples.put("plugins", new Example("/plugins", v -> {
            ObjectNode plugin = object().put("name", "correlation-id").put("instance_name", "crud-" + v);
            plugin.putObject("config").put("header_name", "X-Crud-" + v).put("echo_downstream", true);
            return withRef(plugin, "service", p.service());
        }));
        examples.put(
                "keyauth_credentials",
                new Example(
                        "/key-auths", v -> withRef(object().put("key", "crud-key-" + v), "consumer", p.consumer())));
        examples.put(
                "upstreams",
                new Example(
                        "/upstreams",
                        v -> object().put("name", "crud-" + v + ".upstream")
                                .put("algorithm", "least-connections")
                                .put("slots", 100)));
        examples.put(
                "targets",
                new Example(
                        "/upstreams/" + p.upstream() + "/targets",
                        v -> object().put("target", (v.equals("json") ? "10.0.0.1" : "10.0.0.2") + ":8080")
                                .put("weight", 50)));
        examples.put(
                "basicauth_credentials",
                new Example(
                        "/basic-auths",
                        v -> withRef(
                                object().put("username", "crud-" + v).put("password", "secret-" + v),
                                "consumer",
                                p.consumer())));
        examples.put(
                "acls",
                new Example("/acls", v -> withRef(object().put("group", "crud-" + v), "consumer", p.consumer())));
        examples.put(
                "jwt_secrets",
                new Example(
                        "/jwts",
                        v -> withRef(
                                object().put("key", "crud-" + v)
                                        .put("secret", "s3cret-" + v)
                                        .put("algorithm", "HS384"),
                                "consumer",
                                p.consumer())));
        examples.put(
                "hmacauth_credentials",
                new Example(
                        "/hmac-auths",
                        v -> withRef(
                                object().put("username", "crud-" + v).put("secret", "s3cret-" + v),
                                "consumer",
                                p.consumer())));
        examples.put("key_sets", new Example("/key-sets", v -> object().put("name", "crud-" + v)));
        examples.put(
                "keys",
                new Example(
                        "/keys",
                        v -> object().put("name", "crud-" + v)
                                .put("kid", "kid-" + v)
                                .put("jwk", "{\"kty\":\"oct\",\"kid\":\"kid-" + v + "\",\"k\":\"c2VjcmV0\"}")));
        examples.put("vaults", new Example("/vaults", v -> {
            ObjectNode vault = object().put("prefix", "crud-" + v).put("name", "env");
            vault.putObject("config").put("prefix", "CRUD_");
            return vault;
        }));
        return examples;
    }

    /** {@code body} in Kong's urlencoded form syntax: nested records as {@code a.b=}, arrays as {@code a[]=}. */
    static String toForm(JsonNode body) {
        List<String> pairs = new ArrayList<>();
        flatten("", body, pairs);
        return String.join("&", pairs);
    }

    private static void flatten(String key, JsonNode value, List<String> pairs) {
        if (value.isObject()) {
            value.properties()
                    .forEach(e -> flatten(key.isEmpty() ? e.getKey() : key + "." + e.getKey(), e.getValue(), pairs));
        } else if (value.isArray()) {
            value.forEach(element -> pairs.add(encode(key + "[]") + "=" + encode(element.asText())));
        } else {
            pairs.add(encode(key) + "=" + encode(value.asText()));
        }
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static ObjectNode object() {
        return Http.JSON.createObjectNode();
    }

    private static ObjectNode withRef(ObjectNode body, String field, String id) {
        body.putObject(field).put("id", id);
        return body;
    }
}
