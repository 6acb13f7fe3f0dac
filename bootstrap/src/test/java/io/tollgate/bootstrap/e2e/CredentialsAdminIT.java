package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.delete;
import static io.tollgate.bootstrap.e2e.Http.get;
import static io.tollgate.bootstrap.e2e.Http.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Basic-auth, ACL, JWT and HMAC credentials on a real node and PostgreSQL: CRUD over JSON and form bodies, Kong's
 * errors, passwords that never appear in clear (responses, rows, event log), and a consumer delete that cascades to
 * every credential with one {@code delete} event each.
 */
class CredentialsAdminIT {

    private static final String PASSWORD = "correct-horse-battery-staple";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static NodeProcess node;
    static final List<String> responses = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(dir);
        node = cluster.node("credentials", cluster.settings());
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Every response body is kept, to check that no password ever appears in one. */
    private static Http.Response json(String method, String path, String body) {
        Http.Response response = send(method, node.admin() + path, body);
        responses.add(response.body());
        return response;
    }

    private static Http.Response form(String method, String path, String body) throws Exception {
        HttpResponse<String> response = CLIENT.send(
                HttpRequest.newBuilder(URI.create(node.admin() + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        responses.add(response.body());
        return new Http.Response(response.statusCode(), response.body());
    }

    private static Http.Response read(String path) {
        Http.Response response = get(node.admin() + path);
        responses.add(response.body());
        return response;
    }

    private static JsonNode created(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static List<String> column(String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = cluster.database().getConnection();
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    @Test
    void basic_auth_passwords_are_hashed_on_every_write_and_never_shown_or_stored_in_clear() throws Exception {
        String alice = created(json("POST", "/consumers", "{\"username\":\"pw-alice\"}"))
                .get("id")
                .asText();
        JsonNode credential = created(json(
                "POST",
                "/consumers/pw-alice/basic-auth",
                "{\"username\":\"pw-al\",\"password\":\"" + PASSWORD + "\"}"));
        String hash = credential.get("password").asText();
        assertThat(hash).startsWith("$pbkdf2-sha256$").doesNotContain(PASSWORD);
        assertThat(credential.get("consumer").get("id").asText()).isEqualTo(alice);

        JsonNode viaForm = created(form(
                "POST",
                "/basic-auths",
                "username=pw-form&password=" + PASSWORD + "&consumer.username=pw-alice&tags[]=a"));
        assertThat(viaForm.get("password").asText())
                .startsWith("$pbkdf2-sha256$")
                .isNotEqualTo(hash);
        assertThat(viaForm.get("tags").get(0).asText()).isEqualTo("a");

        assertThat(read("/basic-auths/pw-al").json().get("password").asText()).isEqualTo(hash);
        Http.Response renamed = json("PATCH", "/basic-auths/pw-al", "{\"username\":\"pw-al2\"}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("password").asText())
                .as("a PATCH without password keeps the hash")
                .isEqualTo(hash);
        Http.Response rehashed = form("PATCH", "/consumers/pw-alice/basic-auth/pw-al2", "password=" + PASSWORD + "2");
        assertThat(rehashed.status()).as(rehashed.body()).isEqualTo(200);
        assertThat(rehashed.json().get("password").asText())
                .startsWith("$pbkdf2-sha256$")
                .isNotEqualTo(hash);
        Http.Response put = json(
                "PUT",
                "/basic-auths/pw-put",
                "{\"password\":\"" + PASSWORD + "\",\"consumer\":{\"id\":\"" + alice + "\"}}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("username").asText()).isEqualTo("pw-put");
        assertThat(read("/consumers/pw-alice/basic-auth").json().get("data")).hasSize(3);
        assertThat(read("/basic-auths?size=1").json().get("data")).hasSize(1);

        Http.Response duplicate = json(
                "POST",
                "/basic-auths",
                "{\"username\":\"pw-put\",\"password\":\"" + PASSWORD + "\",\"consumer\":{\"id\":\"" + alice + "\"}}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("fields")).isEqualTo(Http.JSON.readTree("{\"username\":\"pw-put\"}"));
        Http.Response missing =
                json("POST", "/basic-auths", "{\"username\":\"x\",\"consumer\":{\"id\":\"" + alice + "\"}}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("message").asText())
                .isEqualTo("schema violation (password: required field missing)");

        assertThat(responses).noneMatch(body -> body.contains(PASSWORD));
        assertThat(column("SELECT entity::text FROM basicauth_credentials"))
                .hasSize(3)
                .noneMatch(r -> r.contains(PASSWORD));
        assertThat(column("SELECT payload::text FROM event_log WHERE entity_name = 'basicauth_credentials'"))
                .isNotEmpty()
                .noneMatch(r -> r.contains(PASSWORD));
    }

    @Test
    void acl_groups_are_unique_per_consumer_and_addressed_by_group_below_it() throws Exception {
        String bob = created(json("POST", "/consumers", "{\"username\":\"acl-bob\"}"))
                .get("id")
                .asText();
        created(json("POST", "/consumers", "{\"username\":\"acl-eve\"}"));
        JsonNode admins = created(json("POST", "/consumers/acl-bob/acls", "{\"group\":\"admins\"}"));
        created(form("POST", "/consumers/acl-eve/acls", "group=admins"));

        Http.Response duplicate =
                json("POST", "/acls", "{\"group\":\"admins\",\"consumer\":{\"username\":\"acl-bob\"}}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json())
                .isEqualTo(Http.JSON.readTree("{\"code\":5,\"name\":\"unique constraint violation\","
                        + "\"message\":\"UNIQUE violation detected on '{consumer={id=\\\"" + bob
                        + "\\\"},group=\\\"admins\\\"}'\","
                        + "\"fields\":{\"consumer\":{\"id\":\"" + bob + "\"},\"group\":\"admins\"}}"));
        assertThat(form("PUT", "/consumers/acl-bob/acls/ops", "tags=x").status())
                .isEqualTo(200);
        assertThat(json("PATCH", "/acls/" + admins.get("id").asText(), "{\"group\":\"ops\"}")
                        .status())
                .isEqualTo(409);

        assertThat(read("/consumers/acl-bob/acls/admins").json().get("id")).isEqualTo(admins.get("id"));
        assertThat(read("/consumers/acl-bob/acls").json().get("data")).hasSize(2);
        assertThat(read("/acls").json().get("data")).hasSize(3);
        assertThat(delete(node.admin() + "/consumers/acl-bob/acls/ops").status())
                .isEqualTo(204);
        assertThat(read("/consumers/acl-bob/acls/ops").status()).isEqualTo(404);
        assertThat(column("SELECT cache_key FROM acls WHERE consumer_id = '" + bob + "'"))
                .singleElement()
                .asString()
                .startsWith("acls:" + bob + ":admins::::");
    }

    @Test
    void jwt_and_hmac_credentials_get_generated_secrets_and_jwt_checks_public_keys() throws Exception {
        created(json("POST", "/consumers", "{\"username\":\"keys-carol\"}"));
        JsonNode hs = created(json("POST", "/consumers/keys-carol/jwt", "{}"));
        assertThat(hs.get("key").asText()).hasSize(32);
        assertThat(hs.get("secret").asText()).hasSize(32);
        assertThat(hs.get("algorithm").asText()).isEqualTo("HS256");
        assertThat(read("/jwts/" + hs.get("key").asText()).json().get("id")).isEqualTo(hs.get("id"));

        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder()
                        .encodeToString(generator.generateKeyPair().getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----";
        JsonNode rs = created(json(
                "POST",
                "/jwts",
                Http.JSON.writeValueAsString(Map.of(
                        "key",
                        "carol-rs",
                        "algorithm",
                        "RS256",
                        "rsa_public_key",
                        pem,
                        "consumer",
                        Map.of("username", "keys-carol")))));
        assertThat(rs.get("rsa_public_key").asText()).isEqualTo(pem);
        Http.Response noKey = json("PATCH", "/jwts/carol-rs", "{\"rsa_public_key\":null}");
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.json().get("fields"))
                .isEqualTo(
                        Http.JSON.readTree(
                                "{\"@entity\":[\"failed conditional "
                                        + "validation given value of field 'algorithm'\"],\"rsa_public_key\":\"required field missing\"}"));
        Http.Response badKey = form("PUT", "/consumers/keys-carol/jwt/carol-rs", "algorithm=ES256&rsa_public_key=nope");
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.json().get("fields").get("rsa_public_key").asText()).isEqualTo("invalid key");
        assertThat(json("POST", "/consumers/keys-carol/jwt", "{\"key\":\"carol-rs\"}")
                        .status())
                .isEqualTo(409);

        JsonNode hmac = created(form("POST", "/consumers/keys-carol/hmac-auth", "username=carol-hmac"));
        assertThat(hmac.get("secret").asText()).hasSize(32);
        Http.Response patched = json("PATCH", "/hmac-auths/carol-hmac", "{\"secret\":\"shared\"}");
        assertThat(patched.json().get("secret").asText()).isEqualTo("shared");
        assertThat(json(
                                "POST",
                                "/hmac-auths",
                                "{\"username\":\"carol-hmac\",\"consumer\":{\"username\":\"keys-carol\"}}")
                        .status())
                .isEqualTo(409);
        assertThat(read("/consumers/keys-carol/hmac-auth/carol-hmac").json().get("id"))
                .isEqualTo(hmac.get("id"));
    }

    @Test
    void deleting_a_consumer_deletes_every_credential_with_a_delete_event_each() throws Exception {
        String dave = created(json("POST", "/consumers", "{\"username\":\"gone-dave\"}"))
                .get("id")
                .asText();
        created(json("POST", "/consumers/gone-dave/key-auth", "{}"));
        created(json("POST", "/consumers/gone-dave/basic-auth", "{\"username\":\"gone-b\",\"password\":\"p\"}"));
        created(json("POST", "/consumers/gone-dave/acls", "{\"group\":\"g1\"}"));
        created(json("POST", "/consumers/gone-dave/acls", "{\"group\":\"g2\"}"));
        created(json("POST", "/consumers/gone-dave/jwt", "{}"));
        created(json("POST", "/consumers/gone-dave/hmac-auth", "{\"username\":\"gone-h\"}"));

        assertThat(delete(node.admin() + "/consumers/gone-dave").status()).isEqualTo(204);

        for (String path : List.of("key-auth", "basic-auth", "acls", "jwt", "hmac-auth")) {
            assertThat(read("/consumers/" + dave + "/" + path).status())
                    .as(path)
                    .isEqualTo(404);
        }
        assertThat(read("/basic-auths/gone-b").status()).isEqualTo(404);
        assertThat(read("/hmac-auths/gone-h").status()).isEqualTo(404);
        assertThat(column("SELECT entity_name FROM event_log WHERE event_type = 'entity_deleted' AND entity_id IN ("
                        + "SELECT entity_id FROM event_log WHERE payload -> 'entity' -> 'consumer' ->> 'id' = '"
                        + dave + "'"
                        + " OR entity_id = '" + dave + "') ORDER BY id"))
                .containsExactly(
                        "keyauth_credentials",
                        "basicauth_credentials",
                        "acls",
                        "acls",
                        "jwt_secrets",
                        "hmacauth_credentials",
                        "consumers");
        List<ExpectedInvalidation.Logged> logged;
        try (Connection c = cluster.database().getConnection()) {
            logged = LoggedRows.entityEventsAfter(
                    c, 0, column("SELECT id FROM workspaces").get(0));
        }
        assertThat(logged.stream()
                        .filter(row ->
                                row.schema().equals("acls") && row.operation().equals("delete"))
                        .filter(row -> row.cacheKeys().stream().anyMatch(k -> k.startsWith("acls:" + dave + ":")))
                        .toList())
                .hasSize(2)
                .allMatch(row -> row.cacheKeys().stream().anyMatch(k -> k.startsWith("acls:" + dave + ":::::")));
    }
}
