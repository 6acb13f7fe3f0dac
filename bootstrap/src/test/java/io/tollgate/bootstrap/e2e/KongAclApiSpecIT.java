package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.json;
import static io.tollgate.bootstrap.e2e.KongSpecClient.ok;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.bootstrap.e2e.KongSpecClient.ContentType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/03-plugins/18-acl/01-api_spec.lua} (its 3.x revision), all 20 of its cases, against one real
 * node: {@code /consumers/{consumer}/acls}, {@code /consumers/{consumer}/acls/{id or group}}, {@code /acls} and
 * {@code /acls/{id}/consumer}. Kong truncates the tables between cases; here every case creates its own consumer
 * with a unique username, and the {@code /acls} list cases, which cannot own the table, assert that the groups they
 * created are listed.
 */
class KongAclApiSpecIT {

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("kong-acl-api", dir, Map.of());
        client = new KongSpecClient(node.admin());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    /** Kong's {@code bp.consumers:insert}: a consumer with a fresh username. */
    private static JsonNode consumer() {
        return client.create("/consumers", body("username", unique("acl-consumer")));
    }

    /** Kong's {@code bp.acls:insert}: an ACL of the consumer. */
    private static JsonNode acl(JsonNode consumer, String group) {
        return client.create(
                "/acls",
                body("group", group, "consumer", Map.of("id", consumer.get("id").asText())));
    }

    private static String acls(JsonNode consumer) {
        return "/consumers/" + consumer.get("username").asText() + "/acls";
    }

    private static Http.Response put(String path, Map<String, Object> body) {
        return client.send("PUT", path, ContentType.JSON, body);
    }

    private static Http.Response patch(String path, Map<String, Object> body) {
        return client.send("PATCH", path, ContentType.JSON, body);
    }

    // ------------------------------------------------------------------------------- /consumers/{c}/acls

    /** 18-acl/01-api_spec: "/consumers/:consumer/acls/ POST creates an ACL association". */
    @Test
    void creates_an_acl_association() {
        JsonNode bob = consumer();
        JsonNode json = ok(client.send("POST", acls(bob), ContentType.JSON, body("group", "admin")), 201);
        assertThat(json.get("consumer").get("id")).isEqualTo(bob.get("id"));
        assertThat(json.get("group").asText()).isEqualTo("admin");
    }

    /** 18-acl/01-api_spec: "/consumers/:consumer/acls/ POST errors returns bad request". */
    @Test
    void post_returns_bad_request() {
        JsonNode bob = consumer();
        JsonNode json = ok(client.send("POST", acls(bob), ContentType.JSON, body()), 400);
        assertThat(json.get("fields")).isEqualTo(json("{\"group\":\"required field missing\"}"));
    }

    /** 18-acl/01-api_spec: "/consumers/:consumer/acls/ GET retrieves the first page". */
    @Test
    void retrieves_the_first_page() {
        JsonNode bob = consumer();
        for (int i = 1; i <= 3; i++) {
            acl(bob, "first-page-" + i);
        }
        JsonNode json = ok(client.get(acls(bob)), 200);
        assertThat(json.get("data").isArray()).isTrue();
        assertThat(json.get("data")).hasSize(3);
    }

    // -------------------------------------------------------------------------- /consumers/{c}/acls/{id}

    /** 18-acl/01-api_spec: "/consumers/:consumer/acls/:id GET retrieves by id". */
    @Test
    void retrieves_by_id() {
        JsonNode bob = consumer();
        JsonNode acl = acl(bob, "hello");
        acl(bob, "hello2");
        assertThat(ok(client.get(acls(bob) + "/" + acl.get("id").asText()), 200).get("id"))
                .isEqualTo(acl.get("id"));
    }

    /** 18-acl/01-api_spec: "/consumers/:consumer/acls/:id GET retrieves by group". */
    @Test
    void retrieves_by_group() {
        JsonNode bob = consumer();
        JsonNode acl = acl(bob, "hello");
        acl(bob, "hello2");
        assertThat(ok(client.get(acls(bob) + "/hello"), 200).get("id")).isEqualTo(acl.get("id"));
    }

    /** 18-acl/01-api_spec: "… GET retrieves ACL by id only if the ACL belongs to the specified consumer". */
    @Test
    void retrieves_acl_by_id_only_if_the_acl_belongs_to_the_specified_consumer() {
        JsonNode bob = consumer();
        JsonNode acl = acl(bob, "hello");
        JsonNode alice = consumer();
        assertThat(client.get(acls(bob) + "/" + acl.get("id").asText()).status())
                .isEqualTo(200);
        assertThat(client.get(acls(alice) + "/" + acl.get("id").asText()).status())
                .isEqualTo(404);
    }

    /** 18-acl/01-api_spec: "… GET retrieves ACL by group only if the ACL belongs to the specified consumer". */
    @Test
    void retrieves_acl_by_group_only_if_the_acl_belongs_to_the_specified_consumer() {
        JsonNode bob = consumer();
        acl(bob, "hello");
        JsonNode alice = consumer();
        assertThat(client.get(acls(bob) + "/hello").status()).isEqualTo(200);
        assertThat(client.get(acls(alice) + "/hello").status()).isEqualTo(404);
    }

    /** 18-acl/01-api_spec: "/consumers/:consumer/acls/:id PUT updates an ACL's groupname". */
    @Test
    void updates_an_acls_groupname() {
        JsonNode bob = consumer();
        acl(bob, "hello");
        JsonNode json = ok(put(acls(bob) + "/pro", body()), 200);
        assertThat(json.get("consumer").get("id")).isEqualTo(bob.get("id"));
        assertThat(json.get("group").asText()).isEqualTo("pro");
    }

    /** 18-acl/01-api_spec: "/consumers/:consumer/acls/:id PUT errors returns bad request". */
    @Test
    void put_returns_bad_request() {
        JsonNode bob = consumer();
        JsonNode json = ok(put(acls(bob) + "/f7852533-9160-4f5a-ae12-1ab99219ea95", body("group", 123)), 400);
        assertThat(json.get("fields")).isEqualTo(json("{\"group\":\"expected a string\"}"));
    }

    /** 18-acl/01-api_spec: "/consumers/:consumer/acls/:id PATCH updates an ACL group by id". */
    @Test
    void updates_an_acl_group_by_id() {
        JsonNode bob = consumer();
        JsonNode acl = acl(bob, "hello");
        JsonNode json = ok(patch(acls(bob) + "/" + acl.get("id").asText(), body("group", "updatedGroup")), 200);
        assertThat(json.get("group").asText()).isNotEqualTo("hello");
    }

    /** 18-acl/01-api_spec: "/consumers/:consumer/acls/:id PATCH updates an ACL group by group". */
    @Test
    void updates_an_acl_group_by_group() {
        JsonNode bob = consumer();
        acl(bob, "hello");
        JsonNode json = ok(patch(acls(bob) + "/hello", body("group", "updatedGroup2")), 200);
        assertThat(json.get("group").asText()).isNotEqualTo("hello");
    }

    /** 18-acl/01-api_spec: "/consumers/:consumer/acls/:id PATCH errors handles invalid input". */
    @Test
    void handles_invalid_input() {
        JsonNode bob = consumer();
        JsonNode acl = acl(bob, "hello");
        JsonNode json = ok(patch(acls(bob) + "/" + acl.get("id").asText(), body("group", 123)), 400);
        assertThat(json.get("fields")).isEqualTo(json("{\"group\":\"expected a string\"}"));
    }

    /** 18-acl/01-api_spec: "/consumers/:consumer/acls/:id DELETE deletes an ACL group by id". */
    @Test
    void deletes_an_acl_group_by_id() {
        JsonNode bob = consumer();
        JsonNode acl = acl(bob, "hello");
        assertThat(client.delete(acls(bob) + "/" + acl.get("id").asText()).status())
                .isEqualTo(204);
    }

    /** 18-acl/01-api_spec: "/consumers/:consumer/acls/:id DELETE deletes an ACL group by group". */
    @Test
    void deletes_an_acl_group_by_group() {
        JsonNode bob = consumer();
        acl(bob, "hello");
        acl(bob, "hello2");
        assertThat(client.delete(acls(bob) + "/hello2").status()).isEqualTo(204);
    }

    /** 18-acl/01-api_spec: "/consumers/:consumer/acls/:id DELETE errors returns 404 on missing group". */
    @Test
    void returns_404_on_missing_group() {
        JsonNode bob = consumer();
        acl(bob, "hello");
        assertThat(client.delete(acls(bob) + "/blah").status()).isEqualTo(404);
    }

    /** 18-acl/01-api_spec: "/consumers/:consumer/acls/:id DELETE errors returns 404 if not found". */
    @Test
    void returns_404_if_not_found() {
        JsonNode bob = consumer();
        acl(bob, "hello");
        assertThat(client.delete(acls(bob) + "/00000000-0000-0000-0000-000000000000")
                        .status())
                .isEqualTo(404);
    }

    // ------------------------------------------------------------------------------------------------ /acls

    /** Three groups for each of two consumers, as the {@code /acls} cases set up; returns their ids. */
    private static List<JsonNode> sixAcls() {
        JsonNode bob = consumer();
        JsonNode builder = consumer();
        List<JsonNode> ids = new ArrayList<>();
        for (JsonNode c : List.of(bob, builder)) {
            for (int i = 1; i <= 3; i++) {
                ids.add(acl(c, "group" + i).get("id"));
            }
        }
        return ids;
    }

    private static List<JsonNode> ids(JsonNode data) {
        List<JsonNode> out = new ArrayList<>();
        data.forEach(n -> out.add(n.get("id")));
        return out;
    }

    /** 18-acl/01-api_spec: "/acls GET retrieves all the acls with trailing slash". */
    @Test
    void retrieves_all_the_acls_with_trailing_slash() {
        List<JsonNode> six = sixAcls();
        JsonNode json = ok(client.get("/acls/?size=1000"), 200);
        assertThat(json.get("data").isArray()).isTrue();
        assertThat(ids(json.get("data"))).containsAll(six);
    }

    /** 18-acl/01-api_spec: "/acls GET retrieves all the acls without trailing slash". */
    @Test
    void retrieves_all_the_acls_without_trailing_slash() {
        List<JsonNode> six = sixAcls();
        JsonNode json = ok(client.get("/acls?size=1000"), 200);
        assertThat(json.get("data").isArray()).isTrue();
        assertThat(ids(json.get("data"))).containsAll(six);
    }

    /** 18-acl/01-api_spec: "/acls GET paginates through the acls". */
    @Test
    void paginates_through_the_acls() {
        sixAcls();
        JsonNode first = ok(client.get("/acls?size=3"), 200);
        assertThat(first.get("data")).hasSize(3);
        JsonNode second = ok(
                client.get("/acls?size=3&offset="
                        + URLEncoder.encode(first.get("offset").asText(), StandardCharsets.UTF_8)),
                200);
        assertThat(second.get("data")).hasSize(3);
        assertThat(second.get("data")).isNotEqualTo(first.get("data"));
    }

    /** 18-acl/01-api_spec: "/acls/:acl_id/consumer GET retrieves a consumer from an acl's id". */
    @Test
    void retrieves_a_consumer_from_an_acls_id() {
        JsonNode bob = consumer();
        JsonNode credential = acl(bob, "foo-group");
        assertThat(ok(client.get("/acls/" + credential.get("id").asText() + "/consumer"), 200))
                .isEqualTo(bob);
    }
}
