package io.tollgate.adapter.http.admin;

import static io.tollgate.domain.testing.PemFixtures.pem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.domain.certificate.Snis;
import io.tollgate.domain.upstream.Targets;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Upstreams, targets (nested only), certificates, SNIs and CA certificates over the Admin API. */
class AdminUpstreamsCertificatesIT extends AdminApiITSupport {

    private static String certificateJson(String cert, String key) {
        ObjectNode body = AdminClient.JSON.createObjectNode();
        body.put("cert", pem(cert));
        body.put("key", pem(key));
        return body.toString();
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void upstreams_crud_over_json_and_form_with_kong_defaults() {
        JsonNode u = created(admin.json("POST", "/upstreams", "{\"name\":\"backend.internal\"}"));
        assertThat(u.get("algorithm").asText()).isEqualTo("round-robin");
        assertThat(u.get("slots").asLong()).isEqualTo(10000);
        assertThat(u.get("healthchecks").get("active").get("healthy").get("http_statuses"))
                .isEqualTo(json("[200,302]"));
        assertThat(u.get("client_certificate").isNull()).isTrue();

        JsonNode form = created(admin.form(
                "POST",
                "/upstreams",
                "name=hashed&hash_on=header&hash_on_header=x-user&slots=20&healthchecks.active.healthy.interval=5"));
        assertThat(form.get("algorithm").asText()).isEqualTo("consistent-hashing");
        assertThat(form.get("slots").isIntegralNumber()).isTrue();
        assertThat(form.get("healthchecks")
                        .get("active")
                        .get("healthy")
                        .get("interval")
                        .asDouble())
                .isEqualTo(5.0);

        assertThat(admin.get("/upstreams/backend.internal").json().get("id")).isEqualTo(u.get("id"));
        AdminClient.Reply patched = admin.json("PATCH", "/upstreams/backend.internal", "{\"slots\":100}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().get("slots").asLong()).isEqualTo(100);
        AdminClient.Reply put = admin.json("PUT", "/upstreams/other.internal", "{\"algorithm\":\"latency\"}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("name").asText()).isEqualTo("other.internal");

        assertReply(
                admin.json("POST", "/upstreams", "{\"name\":\"10.0.0.1\"}"),
                400,
                "{\"code\":2,"
                        + "\"name\":\"schema violation\",\"message\":\"schema violation (name: Invalid name ('10.0.0.1'); "
                        + "no ip addresses allowed)\",\"fields\":{\"name\":\"Invalid name ('10.0.0.1'); no ip addresses allowed\"}}");
        assertThat(admin.json("POST", "/upstreams", "{\"name\":\"backend.internal\"}")
                        .status())
                .isEqualTo(409);
        assertThat(admin.delete("/upstreams/backend.internal").status()).isEqualTo(204);
        assertThat(admin.get("/upstreams/backend.internal").status()).isEqualTo(404);
    }

    @Test
    void targets_live_only_below_their_upstream() {
        JsonNode u = created(admin.json("POST", "/upstreams", "{\"name\":\"u1\"}"));
        created(admin.json("POST", "/upstreams", "{\"name\":\"u2\"}"));
        JsonNode t = created(admin.json("POST", "/upstreams/u1/targets", "{\"target\":\"10.0.0.1\",\"weight\":5}"));
        assertThat(t.get("target").asText()).isEqualTo("10.0.0.1:8000");
        assertThat(t.get("upstream")).isEqualTo(json("{\"id\":\"" + u.get("id").asText() + "\"}"));
        assertThat(t.get("created_at").isNumber()).isTrue();
        JsonNode v6 = created(admin.form("POST", "/upstreams/u2/targets", "target=" + encoded("::1") + "&weight=0"));
        assertThat(v6.get("target").asText()).isEqualTo("[::1]:8000");
        assertThat(v6.get("weight").asLong()).isZero();
        created(admin.json("POST", "/upstreams/u2/targets", "{\"target\":\"10.0.0.1\"}"));

        assertReply(admin.get("/targets"), 404, "{\"message\":\"Not found\"}");
        assertReply(admin.get("/targets/" + t.get("id").asText()), 404, "{\"message\":\"Not found\"}");
        assertThat(admin.get("/upstreams/u1/targets").json().get("data")).hasSize(1);
        assertThat(admin.get("/upstreams/u1/targets/10.0.0.1:8000").json().get("id"))
                .isEqualTo(t.get("id"));
        assertThat(admin.get("/upstreams/u1/targets/10.0.0.1").json().get("id")).isEqualTo(t.get("id"));
        assertThat(admin.get("/upstreams/u2/targets/" + t.get("id").asText()).status())
                .isEqualTo(404);

        AdminClient.Reply duplicate = admin.json("POST", "/upstreams/u1/targets", "{\"target\":\"10.0.0.1:8000\"}");
        assertThat(duplicate.status()).as(duplicate.body()).isEqualTo(409);
        assertThat(duplicate.json().get("name").asText()).isEqualTo("unique constraint violation");

        AdminClient.Reply patched = admin.json("PATCH", "/upstreams/u1/targets/10.0.0.1:8000", "{\"weight\":7}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().get("weight").asLong()).isEqualTo(7);
        AdminClient.Reply put = admin.json("PUT", "/upstreams/u1/targets/10.0.0.1:8000", "{\"weight\":9}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("id")).isEqualTo(t.get("id"));
        assertThat(put.json().get("target").asText()).isEqualTo("10.0.0.1:8000");

        assertThat(admin.delete("/upstreams/u1").status()).isEqualTo(204);
        assertThat(ENTITIES.all(Targets.SCHEMA))
                .extracting(e -> e.string("target"))
                .containsExactlyInAnyOrder("[::1]:8000", "10.0.0.1:8000")
                .hasSize(2);
        assertThat(ENTITIES.all(Targets.SCHEMA))
                .allSatisfy(e -> assertThat(e.foreignId("upstream").orElseThrow())
                        .isNotEqualTo(java.util.UUID.fromString(u.get("id").asText())));
    }

    @Test
    void certificates_are_checked_against_their_key_and_addressed_by_id_only() {
        JsonNode cert = created(admin.json("POST", "/certificates", certificateJson("rsa.crt", "rsa.key")));
        String id = cert.get("id").asText();
        assertThat(admin.get("/certificates/" + id).status()).isEqualTo(200);

        assertReply(
                admin.json("POST", "/certificates", certificateJson("rsa.crt", "other-rsa.key")),
                400,
                "{\"code\":2,\"name\":\"schema violation\",\"message\":\"schema violation (certificate does not match key)\","
                        + "\"fields\":{\"@entity\":[\"certificate does not match key\"]}}");
        AdminClient.Reply form = admin.form(
                "POST",
                "/certificates",
                "cert=" + encoded(pem("ec.crt")) + "&key=" + encoded(pem("ec-sec1.key")) + "&tags=edge");
        assertThat(form.status()).as(form.body()).isEqualTo(201);
        assertThat(form.json().get("tags")).isEqualTo(json("[\"edge\"]"));

        String invalidPk = "{\"code\":1,\"name\":\"invalid primary key\","
                + "\"message\":\"invalid primary key: '{id=\\\"expected a valid UUID\\\"}'\","
                + "\"fields\":{\"id\":\"expected a valid UUID\"}}";
        assertReply(admin.get("/certificates/not-a-uuid"), 400, invalidPk);
        assertReply(admin.delete("/certificates/not-a-uuid"), 400, invalidPk);
        assertReply(admin.get("/ca_certificates/nope"), 400, invalidPk);
    }

    @Test
    void snis_nest_below_their_certificate_and_go_with_it() {
        String cert = created(admin.json("POST", "/certificates", certificateJson("rsa.crt", "rsa.key")))
                .get("id")
                .asText();
        String other = created(admin.json("POST", "/certificates", certificateJson("ec.crt", "ec.key")))
                .get("id")
                .asText();
        JsonNode nested =
                created(admin.json("POST", "/certificates/" + cert + "/snis", "{\"name\":\"*.example.com\"}"));
        assertThat(nested.get("certificate")).isEqualTo(json("{\"id\":\"" + cert + "\"}"));
        created(admin.form("POST", "/snis", "name=api.example.com&certificate.id=" + cert));
        created(admin.json("POST", "/snis", "{\"name\":\"other.test\",\"certificate\":{\"id\":\"" + other + "\"}}"));

        assertThat(admin.get("/snis/*.example.com").json().get("id")).isEqualTo(nested.get("id"));
        assertThat(admin.get("/certificates/" + cert + "/snis").json().get("data"))
                .hasSize(2);
        assertThat(admin.get("/certificates/" + other + "/snis/api.example.com").status())
                .isEqualTo(404);
        assertThat(admin.json("POST", "/snis", "{\"name\":\"other.test\",\"certificate\":{\"id\":\"" + cert + "\"}}")
                        .status())
                .isEqualTo(409);
        assertReply(
                admin.json("POST", "/snis", "{\"name\":\"example.com:443\",\"certificate\":{\"id\":\"" + cert + "\"}}"),
                400,
                "{\"code\":2,\"name\":\"schema violation\",\"message\":\"schema violation (name: must not have a port)\","
                        + "\"fields\":{\"name\":\"must not have a port\"}}");

        assertThat(admin.delete("/certificates/" + cert).status()).isEqualTo(204);
        assertThat(ENTITIES.all(Snis.SCHEMA)).extracting(e -> e.string("name")).containsExactly("other.test");
    }

    @Test
    void ca_certificates_get_a_digest_and_must_be_valid_cas() {
        ObjectNode body = AdminClient.JSON.createObjectNode();
        body.put("cert", pem("ca.crt"));
        JsonNode ca = created(admin.json("POST", "/ca_certificates", body.toString()));
        assertThat(ca.get("cert_digest").asText())
                .isEqualTo("be657ad42eccc278525e9ef8758cf6a02d5714028dff64b0d5f9771a7638484e");
        assertThat(admin.json("POST", "/ca_certificates", body.toString()).status())
                .isEqualTo(409);

        body.put("cert", pem("expired-ca.crt"));
        AdminClient.Reply expired = admin.json("POST", "/ca_certificates", body.toString());
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.json().get("fields").get("@entity").get(0).asText())
                .isEqualTo("certificate expired, \"Not After\" time is in the past");
        body.put("cert", pem("rsa.crt"));
        assertThat(admin.json("POST", "/ca_certificates", body.toString())
                        .json()
                        .get("message")
                        .asText())
                .contains("missing the \"CA\" basic constraint");
        assertThat(admin.delete("/ca_certificates/" + ca.get("id").asText()).status())
                .isEqualTo(204);
    }
}
