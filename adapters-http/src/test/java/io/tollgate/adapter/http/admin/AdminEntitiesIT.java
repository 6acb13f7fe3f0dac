package io.tollgate.adapter.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Kong's generated CRUD endpoints, bodies and error shapes, over HTTP. */
class AdminEntitiesIT extends AdminApiITSupport {

    @Test
    void services_crud_over_json() {
        AdminClient.Reply post =
                admin.json("POST", "/services", "{\"name\":\"s1\",\"url\":\"http://example.com:8080/x\"}");
        JsonNode s1 = created(post);
        assertThat(post.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(post.header("X-Kong-Admin-Latency")).matches("\\d+");
        assertThat(s1.get("protocol").asText()).isEqualTo("http");
        assertThat(s1.get("host").asText()).isEqualTo("example.com");
        assertThat(s1.get("port").isIntegralNumber()).isTrue();
        assertThat(s1.get("port").asLong()).isEqualTo(8080);
        assertThat(s1.get("path").asText()).isEqualTo("/x");
        assertThat(s1.has("tags")).isTrue();
        assertThat(s1.get("tags").isNull()).isTrue();
        String id = s1.get("id").asText();

        assertThat(admin.get("/services/s1").json().get("id").asText()).isEqualTo(id);
        assertThat(admin.get("/services/" + id).json().get("name").asText()).isEqualTo("s1");

        AdminClient.Reply patched = admin.json("PATCH", "/services/s1", "{\"retries\":3}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("retries").asLong()).isEqualTo(3);
        assertThat(patched.json().get("host").asText()).isEqualTo("example.com");

        AdminClient.Reply put = admin.json("PUT", "/services/s2", "{\"host\":\"upstream.test\"}");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("name").asText()).isEqualTo("s2");
        assertThat(admin.json("PUT", "/services/s2", "{\"host\":\"other.test\"}")
                        .json()
                        .get("id"))
                .isEqualTo(put.json().get("id"));

        AdminClient.Reply deleted = admin.delete("/services/s1");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertReply(admin.get("/services/s1"), 404, "{\"message\":\"Not found\"}");
        assertThat(admin.delete("/services/s1").status()).isEqualTo(204);
        assertThat(admin.get("/services/s2/").status()).isEqualTo(200);
    }

    @Test
    void form_bodies_are_decoded_and_typed_by_the_schema() {
        JsonNode service = created(admin.form("POST", "/services", "name=s&host=example.com&port=8080&tags=a&tags=b"));
        assertThat(service.get("port").isIntegralNumber()).isTrue();
        assertThat(service.get("port").asLong()).isEqualTo(8080);
        assertThat(service.get("tags")).isEqualTo(json("[\"a\",\"b\"]"));
        String serviceId = service.get("id").asText();

        JsonNode route = created(admin.form(
                "POST",
                "/routes",
                "name=r&paths[]=/a&paths[]=/b&service.id=" + serviceId + "&strip_path=false&hosts=&methods=GET"));
        assertThat(route.get("paths")).isEqualTo(json("[\"/a\",\"/b\"]"));
        assertThat(route.get("service")).isEqualTo(json("{\"id\":\"" + serviceId + "\"}"));
        assertThat(route.get("strip_path").isBoolean()).isTrue();
        assertThat(route.get("strip_path").asBoolean()).isFalse();
        assertThat(route.get("hosts").isNull()).isTrue();
        assertThat(route.get("methods")).isEqualTo(json("[\"GET\"]"));

        JsonNode plugin = created(admin.form(
                "POST",
                "/plugins",
                "name=key-auth&config.key_names=apikey&config.hide_credentials=true&service.id=" + serviceId));
        assertThat(plugin.get("config").get("key_names")).isEqualTo(json("[\"apikey\"]"));
        assertThat(plugin.get("config").get("hide_credentials").asBoolean()).isTrue();

        AdminClient.Reply patched = admin.form(
                "PATCH",
                "/plugins/" + plugin.get("id").asText(),
                "config.key_names[1]=x-key&config.key_names[2]=apikey");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().get("config").get("key_names")).isEqualTo(json("[\"x-key\",\"apikey\"]"));
        assertThat(patched.json().get("config").get("hide_credentials").asBoolean())
                .isTrue();

        AdminClient.Reply bad = admin.form("POST", "/services", "host=example.com&port=eighty");
        assertReply(
                bad,
                400,
                "{\"code\":2,\"name\":\"schema violation\","
                        + "\"message\":\"schema violation (port: expected an integer)\",\"fields\":{\"port\":\"expected an integer\"}}");
    }

    @Test
    void multipart_bodies_are_read_like_forms() {
        String boundary = "tollgate-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nalice\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"tags[]\"\r\n\r\nt1\r\n"
                + "--" + boundary + "--\r\n";
        JsonNode consumer = created(admin.send(
                "POST",
                "/consumers",
                "multipart/form-data; boundary=" + boundary,
                body.getBytes(StandardCharsets.UTF_8)));
        assertThat(consumer.get("username").asText()).isEqualTo("alice");
        assertThat(consumer.get("tags")).isEqualTo(json("[\"t1\"]"));
    }

    @Test
    void routes_nested_under_a_service() {
        String s1 = created(admin.json("POST", "/services", "{\"name\":\"s1\",\"host\":\"a.test\"}"))
                .get("id")
                .asText();
        created(admin.json("POST", "/services", "{\"name\":\"s2\",\"host\":\"b.test\"}"));
        JsonNode r1 = created(
                admin.json(
                        "POST",
                        "/services/s1/routes",
                        "{\"name\":\"r1\",\"paths\":[\"/one\"],\"service\":{\"id\":\"00000000-0000-4000-8000-000000000000\"}}"));
        assertThat(r1.get("service")).isEqualTo(json("{\"id\":\"" + s1 + "\"}"));
        created(admin.json("POST", "/services/s2/routes", "{\"name\":\"r2\",\"paths\":[\"/two\"]}"));

        JsonNode page = admin.get("/services/s1/routes").json();
        assertThat(page.get("data")).hasSize(1);
        assertThat(page.get("data").get(0).get("name").asText()).isEqualTo("r1");
        assertThat(admin.get("/routes").json().get("data")).hasSize(2);

        assertThat(admin.get("/services/s1/routes/r1").status()).isEqualTo(200);
        assertReply(admin.get("/services/s2/routes/r1"), 404, "{\"message\":\"Not found\"}");
        assertThat(admin.json("PATCH", "/services/s2/routes/r1", "{\"paths\":[\"/x\"]}")
                        .status())
                .isEqualTo(404);
        assertThat(admin.delete("/services/s2/routes/r1").status()).isEqualTo(404);
        assertThat(admin.delete("/services/s1/routes/nope").status()).isEqualTo(404);
        assertThat(admin.get("/services/missing/routes").status()).isEqualTo(404);
        assertThat(admin.json("POST", "/services/missing/routes", "{\"paths\":[\"/x\"]}")
                        .status())
                .isEqualTo(404);

        AdminClient.Reply patched = admin.json("PATCH", "/services/s1/routes/r1", "{\"paths\":[\"/uno\"]}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("paths")).isEqualTo(json("[\"/uno\"]"));
        assertThat(patched.json().get("service")).isEqualTo(json("{\"id\":\"" + s1 + "\"}"));

        assertThat(admin.delete("/services/s1/routes/r1").status()).isEqualTo(204);
        assertThat(admin.get("/routes/r1").status()).isEqualTo(404);
    }

    @Test
    void key_auth_credentials_under_a_consumer_and_plugins_under_entities() {
        String alice = created(admin.json("POST", "/consumers", "{\"username\":\"alice\"}"))
                .get("id")
                .asText();
        created(admin.json("POST", "/consumers", "{\"username\":\"bob\"}"));
        JsonNode credential = created(admin.json("POST", "/consumers/alice/key-auth", "{}"));
        assertThat(credential.get("consumer")).isEqualTo(json("{\"id\":\"" + alice + "\"}"));
        String key = credential.get("key").asText();
        assertThat(key).isNotBlank();

        assertThat(admin.get("/consumers/alice/key-auth/" + key).json().get("id"))
                .isEqualTo(credential.get("id"));
        assertThat(admin.get("/consumers/bob/key-auth/" + key).status()).isEqualTo(404);
        assertThat(admin.get("/key-auths/" + key).status()).isEqualTo(200);
        assertThat(admin.get("/consumers/alice/key-auth").json().get("data")).hasSize(1);
        assertThat(admin.get("/consumers/bob/key-auth").json().get("data")).isEmpty();

        AdminClient.Reply put = admin.json("PUT", "/consumers/bob/key-auth/bobs-key", "{}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("key").asText()).isEqualTo("bobs-key");
        assertThat(admin.json("PUT", "/consumers/alice/key-auth/bobs-key", "{}").status())
                .isEqualTo(404);

        JsonNode plugin = created(admin.json(
                "POST",
                "/consumers/alice/plugins",
                "{\"name\":\"request-termination\",\"config\":{\"status_code\":403}}"));
        assertThat(plugin.get("consumer")).isEqualTo(json("{\"id\":\"" + alice + "\"}"));
        assertThat(admin.get("/consumers/alice/plugins").json().get("data")).hasSize(1);
        assertThat(admin.get("/consumers/bob/plugins").json().get("data")).isEmpty();

        assertThat(admin.delete("/consumers/alice/key-auth/" + key).status()).isEqualTo(204);
        assertThat(admin.get("/key-auths/" + key).status()).isEqualTo(404);
    }

    @Test
    void errors_in_kong_shapes() {
        assertReply(admin.get("/nope"), 404, "{\"message\":\"Not found\"}");
        assertReply(admin.get("/services/x/nope"), 404, "{\"message\":\"Not found\"}");
        assertReply(admin.json("POST", "/status", "{}"), 405, "{\"message\":\"Method not allowed\"}");
        assertReply(admin.json("POST", "/services/x", "{}"), 405, "{\"message\":\"Method not allowed\"}");

        AdminClient.Reply unsupported = admin.send("POST", "/services", "text/plain", "host=x");
        assertThat(unsupported.status()).isEqualTo(415);
        assertThat(unsupported.body()).isEmpty();

        assertReply(admin.json("POST", "/services", "{\"host\":"), 400, "{\"message\":\"Cannot parse JSON body\"}");
        assertReply(admin.json("POST", "/services", "[1,2]"), 400, "{\"message\":\"Cannot parse JSON body\"}");

        assertReply(
                admin.json("POST", "/services", "{}"),
                400,
                "{\"code\":2,\"name\":\"schema violation\","
                        + "\"message\":\"schema violation (host: required field missing)\","
                        + "\"fields\":{\"host\":\"required field missing\"}}");
        assertReply(
                admin.json("POST", "/services", "{\"host\":\"a.test\",\"port\":70000,\"colour\":\"red\"}"),
                400,
                "{\"code\":2,\"name\":\"schema violation\",\"message\":\"2 schema violations "
                        + "(colour: unknown field; port: value should be between 0 and 65535)\","
                        + "\"fields\":{\"colour\":\"unknown field\",\"port\":\"value should be between 0 and 65535\"}}");

        created(admin.json("POST", "/services", "{\"name\":\"dup\",\"host\":\"a.test\"}"));
        assertReply(
                admin.json("POST", "/services", "{\"name\":\"dup\",\"host\":\"b.test\"}"),
                409,
                "{\"code\":5,\"name\":\"unique constraint violation\","
                        + "\"message\":\"UNIQUE violation detected on '{name=\\\"dup\\\"}'\",\"fields\":{\"name\":\"dup\"}}");

        assertReply(
                admin.json("PATCH", "/services/ghost", "{\"retries\":1}"),
                404,
                "{\"code\":6,\"name\":\"not found\",\"message\":\"could not find the entity with '{name=\\\"ghost\\\"}'\","
                        + "\"fields\":{\"name\":\"ghost\"}}");

        String missing = "11111111-2222-4333-8444-555555555555";
        assertReply(
                admin.json("POST", "/routes", "{\"paths\":[\"/x\"],\"service\":{\"id\":\"" + missing + "\"}}"),
                400,
                "{\"code\":4,\"name\":\"foreign key violation\",\"message\":\"the foreign key '{id=\\\"" + missing
                        + "\\\"}' does not reference an existing 'services' entity.\","
                        + "\"fields\":{\"service\":{\"id\":\"" + missing + "\"}}}");

        created(admin.json("POST", "/services/dup/routes", "{\"paths\":[\"/x\"]}"));
        assertReply(
                admin.delete("/services/dup"),
                400,
                "{\"code\":4,\"name\":\"foreign key violation\","
                        + "\"message\":\"an existing 'routes' entity references this 'services' entity\","
                        + "\"fields\":{\"@referenced_by\":\"routes\"}}");
    }
}
