package io.tollgate.adapter.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The basic-auth, ACL, JWT and HMAC credential endpoints (kong-internals §6.11, §6.12, §7.1), top level and below
 * a consumer, including Kong's addressing of an ACL by its group name.
 */
class AdminCredentialsIT extends AdminApiITSupport {

    private String consumer(String username) {
        return created(admin.json("POST", "/consumers", "{\"username\":\"" + username + "\"}"))
                .get("id")
                .asText();
    }

    @Test
    void every_credential_has_its_collection_its_entity_and_its_nested_endpoints() {
        String alice = consumer("alice");
        consumer("bob");
        String[][] resources = {
            {"basic-auths", "basic-auth", "{\"username\":\"al\",\"password\":\"pw\"}", "al"},
            {"jwts", "jwt", "{\"key\":\"iss-1\"}", "iss-1"},
            {"hmac-auths", "hmac-auth", "{\"username\":\"al-hmac\"}", "al-hmac"},
        };
        for (String[] r : resources) {
            JsonNode credential = created(admin.json("POST", "/consumers/alice/" + r[1], r[2]));
            String id = credential.get("id").asText();
            assertThat(credential.get("consumer").get("id").asText()).isEqualTo(alice);
            assertThat(admin.get("/" + r[0] + "/" + r[3]).json().get("id").asText())
                    .as(r[0])
                    .isEqualTo(id);
            assertThat(admin.get("/" + r[0] + "/" + id).status()).isEqualTo(200);
            assertThat(admin.get("/consumers/alice/" + r[1] + "/" + r[3])
                            .json()
                            .get("id")
                            .asText())
                    .isEqualTo(id);
            assertThat(admin.get("/consumers/bob/" + r[1] + "/" + r[3]).status())
                    .isEqualTo(404);
            assertThat(admin.get("/" + r[0]).json().get("data")).hasSize(1);
            assertThat(admin.get("/consumers/alice/" + r[1]).json().get("data")).hasSize(1);
            assertThat(admin.get("/consumers/bob/" + r[1]).json().get("data")).isEmpty();
            assertThat(admin.json("PATCH", "/consumers/alice/" + r[1] + "/" + r[3], "{\"tags\":[\"t\"]}")
                            .json()
                            .get("tags")
                            .get(0)
                            .asText())
                    .isEqualTo("t");
            assertThat(admin.delete("/consumers/alice/" + r[1] + "/" + id).status())
                    .isEqualTo(204);
            assertThat(admin.get("/" + r[0] + "/" + id).status()).isEqualTo(404);
        }
        JsonNode form = created(admin.form(
                "POST", "/basic-auths", "username=form&password=pw&consumer.id=" + alice + "&tags=a&tags=b"));
        assertThat(form.get("consumer").get("id").asText()).isEqualTo(alice);
        assertThat(form.get("tags")).hasSize(2);
    }

    @Test
    void acls_below_a_consumer_are_addressed_by_id_or_by_group() {
        String alice = consumer("alice");
        consumer("bob");
        JsonNode admins = created(admin.json("POST", "/consumers/alice/acls", "{\"group\":\"admins\"}"));
        String id = admins.get("id").asText();
        assertThat(admins.get("consumer").get("id").asText()).isEqualTo(alice);

        assertThat(admin.get("/consumers/alice/acls/admins").json().get("id").asText())
                .isEqualTo(id);
        assertThat(admin.get("/consumers/alice/acls/" + id).json().get("group").asText())
                .isEqualTo("admins");
        assertThat(admin.get("/acls/" + id).status()).isEqualTo(200);
        assertThat(admin.get("/consumers/bob/acls/admins").status()).isEqualTo(404);
        assertThat(admin.get("/consumers/alice/acls/ops").status()).isEqualTo(404);
        assertThat(admin.get("/consumers/nobody/acls/admins").status()).isEqualTo(404);
        assertThat(admin.json("PATCH", "/consumers/alice/acls/ops", "{\"tags\":[\"x\"]}")
                        .status())
                .isEqualTo(404);

        AdminClient.Reply put =
                admin.json("PUT", "/consumers/alice/acls/ops", "{\"group\":\"ignored\",\"tags\":[\"a\"]}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("group").asText()).isEqualTo("ops");
        assertThat(put.json().get("consumer").get("id").asText()).isEqualTo(alice);
        String ops = put.json().get("id").asText();
        AdminClient.Reply again = admin.json("PUT", "/consumers/alice/acls/ops", "{}");
        assertThat(again.json().get("id").asText()).isEqualTo(ops);
        assertThat(again.json().get("tags").isNull()).isTrue();

        AdminClient.Reply patched = admin.form("PATCH", "/consumers/alice/acls/admins", "tags=t1&group=renamed");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().get("id").asText()).isEqualTo(id);
        assertThat(patched.json().get("group").asText())
                .as("PATCH renames the group the URL names, as in Kong")
                .isEqualTo("renamed");
        assertThat(patched.json().get("tags").get(0).asText()).isEqualTo("t1");

        assertThat(admin.get("/consumers/alice/acls").json().get("data")).hasSize(2);
        assertThat(admin.delete("/consumers/bob/acls/renamed").status()).isEqualTo(404);
        assertThat(admin.delete("/consumers/alice/acls/renamed").status()).isEqualTo(204);
        assertThat(admin.get("/acls/" + id).status()).isEqualTo(404);
        assertThat(admin.get("/acls").json().get("data")).hasSize(1);
        assertThat(admin.get("/consumers/alice/acls/" + UUID.randomUUID()).status())
                .isEqualTo(404);
    }

    @Test
    void deleting_a_consumer_deletes_its_credentials() {
        consumer("alice");
        created(admin.json("POST", "/consumers/alice/basic-auth", "{\"username\":\"al\",\"password\":\"pw\"}"));
        created(admin.json("POST", "/consumers/alice/acls", "{\"group\":\"g\"}"));
        created(admin.json("POST", "/consumers/alice/jwt", "{}"));
        created(admin.json("POST", "/consumers/alice/hmac-auth", "{\"username\":\"h\"}"));
        assertThat(admin.delete("/consumers/alice").status()).isEqualTo(204);
        for (String path : new String[] {"/basic-auths", "/acls", "/jwts", "/hmac-auths"}) {
            assertThat(admin.get(path).json().get("data")).as(path).isEmpty();
        }
    }
}
