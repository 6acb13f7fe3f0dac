package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.get;
import static io.tollgate.bootstrap.e2e.Http.post;
import static io.tollgate.bootstrap.e2e.Http.send;
import static io.tollgate.domain.testing.PemFixtures.pem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/02-integration/04-admin_api/16-ca_certificates_routes_spec.lua} on one real node: all 15
 * {@code it} cases. Kong's PEM fixtures are replaced by the test-only {@link io.tollgate.domain.testing.PemFixtures}
 * ({@code ca.crt} for a CA, {@code rsa.crt} for a leaf, {@code expired-ca.crt} for an expired certificate) and by
 * CAs made in the test ({@link TestPki}): a CA certificate is unique by its digest, and Kong empties the table
 * between its cases, so each test here stores CAs of its own and lists only the ones carrying its own tag.
 */
class KongCaCertificatesRoutesSpecIT {

    private static final String NON_CA = "schema violation (certificate does not appear to be a CA because it is"
            + " missing the \"CA\" basic constraint)";
    private static final String EXPIRED = "schema violation (certificate expired, \"Not After\" time is in the past)";
    private static final String MISSING = "schema violation (cert: required field missing)";

    @TempDir
    static Path dir;

    static NodeProcess node;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("kong-ca-certificates", dir, Map.of());
        admin = node.admin();
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    /** 16-ca_certificates_routes_spec: "GET". */
    @Test
    void get_lists_stored_ca_certificates() throws Exception {
        String tag = "get-" + UUID.randomUUID();
        assertThat(list(tag)).isEmpty();

        String ca = freshCa();
        created(post(admin + "/ca_certificates", body(ca, tag)));

        JsonNode data = list(tag);
        assertThat(data).hasSize(1);
        assertThat(data.get(0).get("cert").asText()).isEqualTo(ca);
    }

    /** 16-ca_certificates_routes_spec: "POST succeeds". */
    @Test
    void post_succeeds() {
        created(post(admin + "/ca_certificates", body(pem("ca.crt"), null)));
    }

    /** 16-ca_certificates_routes_spec: "POST missing field". */
    @Test
    void post_missing_field() {
        assertViolation(post(admin + "/ca_certificates", "{}"), MISSING);
    }

    /** 16-ca_certificates_routes_spec: "POST non CA cert". */
    @Test
    void post_non_ca_cert() {
        assertViolation(post(admin + "/ca_certificates", body(pem("rsa.crt"), null)), NON_CA);
    }

    /** 16-ca_certificates_routes_spec: "POST expired cert". */
    @Test
    void post_expired_cert() {
        assertViolation(post(admin + "/ca_certificates", body(pem("expired-ca.crt"), null)), EXPIRED);
    }

    /** 16-ca_certificates_routes_spec: "POST multiple certs". */
    @Test
    void post_multiple_certs() {
        assertViolation(
                post(admin + "/ca_certificates", body(pem("rsa.crt") + "\n" + pem("rsa.crt"), null)),
                "schema violation (please submit only one certificate at a time)");
    }

    /** 16-ca_certificates_routes_spec: "DELETE works". */
    @Test
    void delete_works() throws Exception {
        String tag = "delete-" + UUID.randomUUID();
        JsonNode ca = created(post(admin + "/ca_certificates", body(freshCa(), tag)));

        assertThat(Http.delete(admin + "/ca_certificates/" + ca.get("id").asText())
                        .status())
                .isEqualTo(204);
        assertThat(list(tag)).isEmpty();
    }

    /** 16-ca_certificates_routes_spec: "PATCH non CA cert". */
    @Test
    void patch_non_ca_cert() throws Exception {
        String id = insertCa();
        assertViolation(send("PATCH", admin + "/ca_certificates/" + id, body(pem("rsa.crt"), null)), NON_CA);
    }

    /** 16-ca_certificates_routes_spec: "PATCH expired cert". */
    @Test
    void patch_expired_cert() throws Exception {
        String id = insertCa();
        assertViolation(send("PATCH", admin + "/ca_certificates/" + id, body(pem("expired-ca.crt"), null)), EXPIRED);
    }

    /**
     * 16-ca_certificates_routes_spec: "PATCH works". Kong sleeps a second before the update; here the test waits
     * until the clock has passed the second of {@code updated_at}.
     */
    @Test
    void patch_works() throws Exception {
        JsonNode ca = created(post(admin + "/ca_certificates", body(freshCa(), null)));
        long updatedAt = ca.get("updated_at").asLong();
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> Instant.now().getEpochSecond() > updatedAt);

        Http.Response response =
                send("PATCH", admin + "/ca_certificates/" + ca.get("id").asText(), body(freshCa(), null));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("updated_at").asLong()).isGreaterThan(updatedAt);
    }

    /** 16-ca_certificates_routes_spec: "PUT missing field". */
    @Test
    void put_missing_field() throws Exception {
        String id = insertCa();
        assertViolation(send("PUT", admin + "/ca_certificates/" + id, "{}"), MISSING);
    }

    /** 16-ca_certificates_routes_spec: "PUT non CA cert". */
    @Test
    void put_non_ca_cert() throws Exception {
        String id = insertCa();
        assertViolation(send("PUT", admin + "/ca_certificates/" + id, body(pem("rsa.crt"), null)), NON_CA);
    }

    /** 16-ca_certificates_routes_spec: "PUT expired cert". */
    @Test
    void put_expired_cert() throws Exception {
        String id = insertCa();
        assertViolation(send("PUT", admin + "/ca_certificates/" + id, body(pem("expired-ca.crt"), null)), EXPIRED);
    }

    /**
     * 16-ca_certificates_routes_spec: "PUT updates existing cert" (the replaced entity no longer carries the tag the
     * test listed by, so it is read back by id and looked for in the whole list).
     */
    @Test
    void put_updates_existing_cert() throws Exception {
        String id = insertCa();
        String ca = freshCa();
        Http.Response response = send("PUT", admin + "/ca_certificates/" + id, body(ca, null));
        assertThat(response.status()).as(response.body()).isEqualTo(200);

        assertThat(ok(get(admin + "/ca_certificates/" + id)).get("cert").asText())
                .isEqualTo(ca);
        List<String> certs = new ArrayList<>();
        ok(get(admin + "/ca_certificates?size=1000"))
                .get("data")
                .forEach(row -> certs.add(row.get("cert").asText()));
        assertThat(certs).contains(ca);
    }

    /** 16-ca_certificates_routes_spec: "PUT creates new cert when uuid does not exist". */
    @Test
    void put_creates_new_cert_when_uuid_does_not_exist() throws Exception {
        String ca = freshCa();
        Http.Response response =
                send("PUT", admin + "/ca_certificates/123e4567-e89b-12d3-a456-426655440000", body(ca, null));
        assertThat(response.status()).as(response.body()).isEqualTo(200);

        assertThat(ok(get(admin + "/ca_certificates/123e4567-e89b-12d3-a456-426655440000"))
                        .get("cert")
                        .asText())
                .isEqualTo(ca);
    }

    // ---------------------------------------------------------------- helpers

    /** A CA certificate no other test stores (the table is unique by the certificate's digest). */
    private static String freshCa() throws Exception {
        return TestPki.ca("Kong spec CA " + UUID.randomUUID()).certPem();
    }

    /** Stores a fresh CA, as Kong's blueprint insert does, and returns its id. */
    private static String insertCa() throws Exception {
        return created(post(admin + "/ca_certificates", body(freshCa(), null)))
                .get("id")
                .asText();
    }

    private static String body(String cert, String tag) {
        ObjectNode body = Http.JSON.createObjectNode().put("cert", cert);
        if (tag != null) {
            body.putArray("tags").add(tag);
        }
        return body.toString();
    }

    private static JsonNode list(String tag) {
        return ok(get(admin + "/ca_certificates?tags=" + tag)).get("data");
    }

    private static void assertViolation(Http.Response response, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("message").asText()).isEqualTo(message);
    }

    private static JsonNode created(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static JsonNode ok(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
