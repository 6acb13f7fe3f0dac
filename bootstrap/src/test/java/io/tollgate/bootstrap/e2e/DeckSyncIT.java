package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * decK's database-mode sync replayed against a real node, call for call as go-kong makes them: every entity created
 * with {@code PUT /<collection>/<id>} (decK assigns ids; credentials and targets below their parent, e.g.
 * {@code PUT /consumers/<c>/key-auth/<id>}, {@code PUT /upstreams/<u>/targets/<id>}); every collection read back with
 * {@code size=1000}, following {@code offset} until it is {@code null} (1,050 services: two pages), without and with
 * {@code tags} filters ({@code a,b} every tag, {@code a/b} any tag, decK's {@code --select-tag}); an update as a PUT of
 * the full entity (with {@code created_at}), a PUT upsert by name, a PATCH, and the DELETEs of a sync removing
 * entities, children first.
 */
class DeckSyncIT {

    private static final int BULK = 1_050;

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static NodeProcess node;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.startFast(dir);
        node = cluster.node("deck", cluster.settings());
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void decks_reads_and_writes_work_on_every_collection() throws Exception {
        Map<String, Set<String>> written = new LinkedHashMap<>();
        TestPki.Issued leaf = TestPki.selfSigned("deck-sync", "a.sync.test");
        String certificate = put(
                written,
                "certificates",
                "/certificates",
                Map.of("cert", leaf.certPem(), "key", leaf.keyPem(), "tags", List.of("deck")));
        put(
                written,
                "snis",
                "/snis",
                Map.of("name", "a.sync.test", "certificate", ref(certificate), "tags", List.of("deck")));
        put(
                written,
                "ca_certificates",
                "/ca_certificates",
                Map.of("cert", TestPki.ca("sync-ca").certPem(), "tags", List.of("deck")));
        Map<String, Object> serviceBody = new LinkedHashMap<>(Map.of(
                "name",
                "orders",
                "protocol",
                "http",
                "host",
                "orders.internal",
                "port",
                8080,
                "path",
                "/v1",
                "retries",
                5,
                "connect_timeout",
                60000,
                "read_timeout",
                60000,
                "write_timeout",
                60000,
                "tags",
                List.of("deck", "team-a")));
        serviceBody.put("enabled", true);
        String service = put(written, "services", "/services", serviceBody);
        String route = put(
                written,
                "routes",
                "/routes",
                fields(
                        "name",
                        "orders-api",
                        "paths",
                        List.of("/orders"),
                        "protocols",
                        List.of("http", "https"),
                        "methods",
                        List.of("GET", "POST"),
                        "strip_path",
                        true,
                        "preserve_host",
                        false,
                        "regex_priority",
                        0,
                        "https_redirect_status_code",
                        426,
                        "path_handling",
                        "v0",
                        "service",
                        ref(service),
                        "tags",
                        List.of("deck")));
        String consumer = put(
                written,
                "consumers",
                "/consumers",
                Map.of("username", "sync-user", "custom_id", "s-1", "tags", List.of("deck")));
        put(
                written,
                "key-auths",
                "/consumers/" + consumer + "/key-auth",
                Map.of("key", "sync-key", "tags", List.of("deck")));
        put(
                written,
                "basic-auths",
                "/consumers/" + consumer + "/basic-auth",
                Map.of("username", "sync-basic", "password", "s3cret", "tags", List.of("deck")));
        put(
                written,
                "hmac-auths",
                "/consumers/" + consumer + "/hmac-auth",
                Map.of("username", "sync-hmac", "secret", "hmac-secret", "tags", List.of("deck")));
        put(
                written,
                "jwts",
                "/consumers/" + consumer + "/jwt",
                Map.of("key", "sync-iss", "secret", "jwt-secret", "algorithm", "HS256", "tags", List.of("deck")));
        put(written, "acls", "/consumers/" + consumer + "/acls", Map.of("group", "admins", "tags", List.of("deck")));
        put(
                written,
                "plugins",
                "/plugins",
                Map.of(
                        "name",
                        "key-auth",
                        "route",
                        ref(route),
                        "enabled",
                        true,
                        "protocols",
                        List.of("http", "https"),
                        "config",
                        Map.of("key_names", List.of("apikey"), "hide_credentials", false),
                        "tags",
                        List.of("deck")));
        put(written, "plugins", "/plugins", Map.of("name", "correlation-id", "tags", List.of("deck")));
        String upstream = put(
                written,
                "upstreams",
                "/upstreams",
                Map.of("name", "orders.upstream", "algorithm", "round-robin", "slots", 10000, "tags", List.of("deck")));
        put(
                written,
                "targets",
                "/upstreams/" + upstream + "/targets",
                Map.of("target", "10.0.0.1:8080", "weight", 100, "tags", List.of("deck")));
        String keySet = put(written, "key-sets", "/key-sets", Map.of("name", "signing", "tags", List.of("deck")));
        put(
                written,
                "keys",
                "/keys",
                Map.of(
                        "name",
                        "k1",
                        "kid",
                        "k1",
                        "jwk",
                        "{\"kty\":\"oct\",\"kid\":\"k1\",\"k\":\"c2VjcmV0\"}",
                        "set",
                        ref(keySet),
                        "tags",
                        List.of("deck")));
        put(
                written,
                "vaults",
                "/vaults",
                Map.of(
                        "prefix",
                        "sync-env",
                        "name",
                        "env",
                        "config",
                        Map.of("prefix", "SYNC_"),
                        "tags",
                        List.of("deck")));
        for (int i = 0; i < BULK; i++) {
            put(
                    written,
                    "services",
                    "/services",
                    Map.of("name", "bulk-" + i, "host", "bulk-" + i + ".internal", "tags", List.of("bulk")));
        }

        // decK's dump: GET /<collection>?size=1000, then ?size=1000&offset=<offset> until offset is null
        Map<String, String> listed = new LinkedHashMap<>(Map.of("targets", "/upstreams/" + upstream + "/targets"));
        for (String collection : written.keySet()) {
            String path = listed.getOrDefault(collection, "/" + collection);
            List<JsonNode> all = listAll(path, null);
            assertThat(ids(all)).as(collection).isEqualTo(written.get(collection));
        }
        assertThat(pages("/services", null)).isEqualTo(2);
        for (String other : List.of("/oauth2", "/mtls-auths", "/consumer_groups")) {
            assertThat(Http.get(node.admin() + other + "?size=1000").status())
                    .as(other)
                    .isIn(200, 404);
        }

        // --select-tag deck (decK sends tags=a,b for every tag); a/b is any of the tags, Kong's OR
        for (String collection : written.keySet()) {
            if (collection.equals("targets")) {
                continue;
            }
            List<JsonNode> tagged = listAll("/" + collection, "deck");
            assertThat(tagged)
                    .as(collection)
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(tags(e)).contains("deck"));
        }
        assertThat(listAll("/services", "deck")).hasSize(1);
        assertThat(listAll("/services", "bulk")).hasSize(BULK);
        assertThat(pages("/services", "bulk")).isEqualTo(2);
        assertThat(listAll("/services", "deck,team-a"))
                .extracting(e -> e.get("name").asText())
                .containsExactly("orders");
        assertThat(listAll("/services", "deck,bulk")).isEmpty();
        assertThat(listAll("/services", "deck/bulk")).hasSize(BULK + 1);
        assertThat(Http.get(node.admin() + "/services?size=1001").status()).isEqualTo(400);
        assertThat(Http.get(node.admin() + "/schemas/services").status()).isEqualTo(200);
        assertThat(Http.get(node.admin() + "/schemas/plugins/key-auth").status())
                .isEqualTo(200);

        // an update is a PUT of the whole entity as decK holds it, created_at included
        ObjectNode current =
                (ObjectNode) Http.get(node.admin() + "/services/" + service).json();
        current.put("retries", 3).put("path", "/v2");
        current.remove("updated_at");
        Http.Response updated = Http.send("PUT", node.admin() + "/services/" + service, current.toString());
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("retries").asInt()).isEqualTo(3);
        assertThat(updated.json().get("created_at")).isEqualTo(current.get("created_at"));
        assertThat(Http.get(node.admin() + "/services/orders")
                        .json()
                        .get("path")
                        .asText())
                .isEqualTo("/v2");

        // a PUT by name creates (then replaces); a PATCH changes the fields it names
        Http.Response byName = Http.send("PUT", node.admin() + "/services/by-name", "{\"host\": \"named.internal\"}");
        assertThat(byName.status()).as(byName.body()).isEqualTo(200);
        assertThat(byName.json().get("name").asText()).isEqualTo("by-name");
        Http.Response patched = Http.send("PATCH", node.admin() + "/routes/" + route, "{\"paths\": [\"/orders/v2\"]}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().get("name").asText()).isEqualTo("orders-api");
        Http.Response dangling = Http.send(
                "PUT",
                node.admin() + "/routes/" + UUID.randomUUID(),
                "{\"paths\": [\"/x\"], \"service\": {\"id\": \"" + UUID.randomUUID() + "\"}}");
        assertThat(dangling.status()).isEqualTo(400);
        assertThat(dangling.json().get("name").asText()).isEqualTo("foreign key violation");

        // a sync removing entities deletes children first, each by id
        for (String path : List.of("/plugins?tags=deck", "/routes?tags=deck", "/snis?tags=deck", "/keys?tags=deck")) {
            for (JsonNode entity : listAll(path.substring(0, path.indexOf('?')), "deck")) {
                String one = path.substring(0, path.indexOf('?')) + "/"
                        + entity.get("id").asText();
                assertThat(Http.delete(node.admin() + one).status()).as(one).isEqualTo(204);
                assertThat(Http.get(node.admin() + one).status()).as(one).isEqualTo(404);
            }
        }
        String keyAuth = written.get("key-auths").iterator().next();
        assertThat(Http.delete(node.admin() + "/consumers/" + consumer + "/key-auth/" + keyAuth)
                        .status())
                .isEqualTo(204);
        String target = written.get("targets").iterator().next();
        assertThat(Http.delete(node.admin() + "/upstreams/" + upstream + "/targets/" + target)
                        .status())
                .isEqualTo(204);
        assertThat(Http.delete(node.admin() + "/services/" + service).status()).isEqualTo(204);
        assertThat(Http.delete(node.admin() + "/certificates/" + certificate).status())
                .isEqualTo(204);
        assertThat(listAll("/services", "deck")).isEmpty();
        assertThat(listAll("/key-auths", null)).isEmpty();
        assertThat(listAll("/upstreams/" + upstream + "/targets", null)).isEmpty();
    }

    /** decK's create: {@code PUT <collection>/<new id>} with the entity; 200 and the id echoed. */
    private static String put(Map<String, Set<String>> written, String collection, String path, Map<String, ?> body)
            throws Exception {
        String id = UUID.randomUUID().toString();
        Http.Response answer = Http.send("PUT", node.admin() + path + "/" + id, Http.JSON.writeValueAsString(body));
        assertThat(answer.status())
                .as("PUT %s/%s %s -> %s", path, id, body, answer.body())
                .isEqualTo(200);
        assertThat(answer.json().get("id").asText()).isEqualTo(id);
        written.computeIfAbsent(collection, c -> new HashSet<>()).add(id);
        return id;
    }

    /** A JSON object of {@code key, value, …} pairs, in order. */
    private static Map<String, Object> fields(Object... pairs) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put((String) pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    private static Map<String, String> ref(String id) {
        return Map.of("id", id);
    }

    /** go-kong's listAll: pages of 1000 following {@code offset} until it is absent or null. */
    private static List<JsonNode> listAll(String path, String tags) {
        List<JsonNode> all = new ArrayList<>();
        walk(path, tags, all);
        return all;
    }

    private static int pages(String path, String tags) {
        return walk(path, tags, new ArrayList<>());
    }

    private static int walk(String path, String tags, List<JsonNode> into) {
        String offset = null;
        int pages = 0;
        do {
            StringBuilder url = new StringBuilder(node.admin() + path + "?size=1000");
            if (offset != null) {
                url.append("&offset=").append(URLEncoder.encode(offset, StandardCharsets.UTF_8));
            }
            if (tags != null) {
                url.append("&tags=").append(URLEncoder.encode(tags, StandardCharsets.UTF_8));
            }
            Http.Response page = Http.get(url.toString());
            assertThat(page.status()).as("GET %s -> %s", url, page.body()).isEqualTo(200);
            JsonNode body = page.json();
            assertThat(body.get("data").size()).isLessThanOrEqualTo(1000);
            body.get("data").forEach(into::add);
            pages++;
            JsonNode next = body.get("offset");
            offset = next == null || next.isNull() ? null : next.asText();
        } while (offset != null);
        return pages;
    }

    private static Set<String> ids(List<JsonNode> entities) {
        Set<String> ids = new HashSet<>();
        entities.forEach(e -> assertThat(ids.add(e.get("id").asText()))
                .as("listed twice: %s", e)
                .isTrue());
        return ids;
    }

    private static List<String> tags(JsonNode entity) {
        List<String> tags = new ArrayList<>();
        if (entity.get("tags") != null) {
            entity.get("tags").forEach(t -> tags.add(t.asText()));
        }
        return tags;
    }
}
