package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.delete;
import static io.tollgate.bootstrap.e2e.Http.get;
import static io.tollgate.bootstrap.e2e.Http.post;
import static io.tollgate.bootstrap.e2e.Http.send;
import static io.tollgate.domain.testing.PemFixtures.pem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upstreams, targets, certificates with their transient {@code snis}, and CA certificates on a real node (embedded
 * PostgreSQL): what the in-memory Admin API tests cannot show, the SNI rows a certificate write creates and deletes.
 */
class UpstreamsCertificatesNodeIT {

    @TempDir
    Path dir;

    @Test
    void certificate_snis_targets_and_cascades_on_a_real_node() throws Exception {
        try (NodeProcess node = NodeProcess.start("entities", dir, Map.of())) {
            String admin = node.admin();
            ObjectNode body = Http.JSON.createObjectNode();
            body.put("cert", pem("rsa.crt"));
            body.put("key", pem("rsa.key"));
            body.putArray("snis").add("b.example.com").add("*.example.com");
            Http.Response cert = post(admin + "/certificates", body.toString());
            assertThat(cert.status()).as(cert.body()).isEqualTo(201);
            String id = cert.json().get("id").asText();
            assertThat(cert.json().get("snis").toString()).isEqualTo("[\"*.example.com\",\"b.example.com\"]");
            assertThat(get(admin + "/snis/b.example.com")
                            .json()
                            .get("certificate")
                            .get("id")
                            .asText())
                    .isEqualTo(id);
            assertThat(get(admin + "/certificates/" + id + "/snis").json().get("data"))
                    .hasSize(2);

            Http.Response taken = post(admin + "/certificates", body.toString());
            assertThat(taken.status()).isEqualTo(400);
            assertThat(taken.json().get("fields").get("snis").asText())
                    .endsWith("already associated with existing " + "certificate '" + id + "'");
            assertThat(get(admin + "/certificates").json().get("data")).hasSize(1);

            Http.Response patched = send("PATCH", admin + "/certificates/" + id, "{\"snis\":[\"c.example.com\"]}");
            assertThat(patched.json().get("snis").toString()).isEqualTo("[\"c.example.com\"]");
            assertThat(get(admin + "/snis").json().get("data")).hasSize(1);
            assertThat(get(admin + "/certificates/" + id).json().get("snis").toString())
                    .isEqualTo("[\"c.example.com\"]");
            assertThat(get(admin + "/certificates/nope").status())
                    .as("no certificate has an SNI named nope")
                    .isEqualTo(404);
            assertThat(get(admin + "/certificates/c.example.com")
                            .json()
                            .get("id")
                            .asText())
                    .as("Kong's /certificates/{sni}")
                    .isEqualTo(id);

            assertThat(delete(admin + "/certificates/" + id).status()).isEqualTo(204);
            assertThat(get(admin + "/snis").json().get("data")).isEmpty();

            assertThat(post(admin + "/upstreams", "{\"name\":\"backend\"}").status())
                    .isEqualTo(201);
            Http.Response target = post(admin + "/upstreams/backend/targets", "{\"target\":\"127.0.0.1\"}");
            assertThat(target.status()).as(target.body()).isEqualTo(201);
            assertThat(target.json().get("target").asText()).isEqualTo("127.0.0.1:8000");
            assertThat(post(admin + "/upstreams/backend/targets", "{\"target\":\"127.0.0.1:8000\"}")
                            .status())
                    .isEqualTo(409);
            assertThat(get(admin + "/targets").status()).isEqualTo(404);
            assertThat(get(admin + "/upstreams/backend/targets/127.0.0.1:8000").status())
                    .isEqualTo(200);
            assertThat(delete(admin + "/upstreams/backend").status()).isEqualTo(204);
            assertThat(get(admin + "/upstreams/backend/targets").status()).isEqualTo(404);

            ObjectNode ca = Http.JSON.createObjectNode();
            ca.put("cert", pem("ca.crt"));
            Http.Response created = post(admin + "/ca_certificates", ca.toString());
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.json().get("cert_digest").asText()).hasSize(64);
            assertThat(post(admin + "/ca_certificates", ca.toString()).status()).isEqualTo(409);
        }
    }
}
