package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.get;
import static io.tollgate.bootstrap.e2e.Http.post;
import static io.tollgate.bootstrap.e2e.Http.send;
import static io.tollgate.domain.testing.PemFixtures.pem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kong's {@code spec/02-integration/04-admin_api/06-certificates_routes_spec.lua} ({@code /certificates},
 * {@code /certificates/{id or sni}/snis} and {@code /snis}) on one real node: 59 {@code it} cases, each a test here
 * (the three content types of one Kong title are one parameterized test). Kong's fixed PEM fixtures are replaced by
 * the test-only {@link io.tollgate.domain.testing.PemFixtures}: {@code rsa.crt}/{@code rsa.key} for Kong's
 * {@code cert}/{@code key}, {@code ec.crt}/{@code ec.key} for its {@code cert_alt}/{@code key_alt}. Kong empties the
 * tables before each case; here every test uses SNI names of its own and lists only the certificates carrying its
 * own tag.
 */
class KongCertificatesRoutesSpecIT {

    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String MULTIPART = "multipart/form-data";
    private static final String BOUNDARY = "kong-spec-b0undary";
    private static final String CERT = pem("rsa.crt");
    private static final String KEY = pem("rsa.key");
    private static final String CERT_ALT = pem("ec.crt");
    private static final String KEY_ALT = pem("ec.key");
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final AtomicInteger NAMES = new AtomicInteger();

    @TempDir
    static Path dir;

    static NodeProcess node;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("kong-certificates", dir, Map.of());
        admin = node.admin();
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    // ---------------------------------------------------------------- /certificates

    /** 06-certificates_routes_spec: "/certificates GET retrieves all certificates with snis". */
    @Test
    void retrieves_all_certificates_with_snis() {
        String tag = tag();
        List<String> snis = new ArrayList<>();
        for (int i = 1; i <= 150; i++) {
            snis.add(String.format("my-sni-%03d-%s.test", i, RUN));
        }
        created(post(admin + "/certificates", certificate(CERT, KEY, snis, tag)));

        JsonNode data = certificates(tag);
        assertThat(data).hasSize(1);
        assertThat(data.get(0).get("cert").isTextual()).isTrue();
        assertThat(data.get(0).get("key").isTextual()).isTrue();
        assertThat(texts(data.get(0).get("snis"))).containsExactlyElementsOf(snis);
    }

    /** 06-certificates_routes_spec: "/certificates POST returns a conflict when duplicated snis are present ...". */
    @Test
    void returns_a_conflict_when_duplicated_snis_are_present_in_the_request() {
        String n1 = name();
        String n2 = name();
        Http.Response response = post(admin + "/certificates", certificate(CERT, KEY, List.of(n1, n2, n1), null));
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("message").asText())
                .isEqualTo("schema violation (snis: " + n1 + " is duplicated)");

        assertThat(get(admin + "/snis/" + n1).status()).isEqualTo(404);
        assertThat(get(admin + "/snis/" + n2).status()).isEqualTo(404);
        assertThat(get(admin + "/certificates/" + n1).status()).isEqualTo(404);
    }

    /** 06-certificates_routes_spec: "/certificates POST returns a conflict when a pre-existing sni is detected". */
    @Test
    void returns_a_conflict_when_a_pre_existing_sni_is_detected() {
        String n1 = name();
        String n2 = name();
        created(post(admin + "/certificates", certificate(CERT, KEY, List.of(n1), null)));

        Http.Response response = post(admin + "/certificates", certificate(CERT, KEY, List.of(n1, n2), null));
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("message").asText())
                .contains("snis: " + n1 + " already associated with existing certificate");

        assertThat(get(admin + "/snis/" + n2).status()).isEqualTo(404);
    }

    /**
     * 06-certificates_routes_spec: "/certificates POST creates a certificate and returns it with the snis
     * pseudo-property" with application/www-form-urlencoded, with multipart/form-data, with application/json.
     */
    @ParameterizedTest
    @ValueSource(strings = {FORM, MULTIPART, JSON})
    void creates_a_certificate_and_returns_it_with_the_snis_pseudo_property(String contentType) {
        String n1 = name();
        String n2 = name();
        Http.Response response =
                sendIn(contentType, "POST", "/certificates", Map.of("cert", CERT, "key", KEY, "snis", List.of(n1, n2)));
        JsonNode json = created(response);
        assertThat(json.get("cert").isTextual()).isTrue();
        assertThat(json.get("key").isTextual()).isTrue();
        assertThat(texts(json.get("snis"))).containsExactly(n1, n2);
    }

    /**
     * 06-certificates_routes_spec: "/certificates POST returns snis as [] when none is set" with
     * application/www-form-urlencoded, with multipart/form-data, with application/json.
     */
    @ParameterizedTest
    @ValueSource(strings = {FORM, MULTIPART, JSON})
    void returns_snis_as_empty_array_when_none_is_set(String contentType) {
        Http.Response response = sendIn(contentType, "POST", "/certificates", Map.of("cert", CERT, "key", KEY));
        JsonNode json = created(response);
        assertThat(json.get("cert").isTextual()).isTrue();
        assertThat(json.get("key").isTextual()).isTrue();
        assertThat(response.body()).contains("\"snis\":[]");
    }

    // ---------------------------------------------------------------- /certificates/{id or sni}

    /** 06-certificates_routes_spec: "/certificates/cert_id_or_sni GET retrieves a certificate by id". */
    @Test
    void retrieves_a_certificate_by_id() {
        Added added = addCertificate(null);
        JsonNode json = ok(get(admin + "/certificates/" + added.id()));
        assertThat(json.get("cert").isTextual()).isTrue();
        assertThat(json.get("key").isTextual()).isTrue();
        assertThat(texts(json.get("snis"))).containsExactlyElementsOf(added.names());
    }

    /** 06-certificates_routes_spec: "/certificates/cert_id_or_sni GET retrieves a certificate by sni". */
    @Test
    void retrieves_a_certificate_by_sni() {
        Added added = addCertificate(null);
        JsonNode json1 = ok(get(admin + "/certificates/" + added.names().get(0)));
        JsonNode json2 = ok(get(admin + "/certificates/" + added.names().get(1)));
        assertThat(json1.get("cert").isTextual()).isTrue();
        assertThat(json1.get("key").isTextual()).isTrue();
        assertThat(texts(json1.get("snis"))).containsExactlyElementsOf(added.names());
        assertThat(json2).isEqualTo(json1);
    }

    /** 06-certificates_routes_spec: "/certificates/cert_id_or_sni GET returns 404 for a random non-existing uuid". */
    @Test
    void get_returns_404_for_a_random_non_existing_uuid() {
        assertThat(get(admin + "/certificates/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    /** 06-certificates_routes_spec: "/certificates/cert_id_or_sni GET returns 404 for a random non-existing sni". */
    @Test
    void get_returns_404_for_a_random_non_existing_sni() {
        assertThat(get(admin + "/certificates/doesntexist.com").status()).isEqualTo(404);
    }

    /** 06-certificates_routes_spec: "/certificates/cert_id_or_sni PUT creates if not found". */
    @Test
    void put_creates_if_not_found() {
        String n1 = name();
        UUID id = UUID.randomUUID();
        JsonNode json = ok(send("PUT", admin + "/certificates/" + id, certificate(CERT, KEY, List.of(n1), null)));
        assertThat(json.get("cert").asText()).isEqualTo(CERT);
        assertThat(texts(json.get("snis"))).containsExactly(n1);
        assertThat(json.get("id").asText()).isEqualTo(id.toString());
        assertThat(ok(get(admin + "/certificates/" + id))).isEqualTo(json);
    }

    /** 06-certificates_routes_spec: "/certificates/cert_id_or_sni PUT creates a new sni when provided in the url". */
    @Test
    void creates_a_new_sni_when_provided_in_the_url() {
        String n1 = name();
        String n2 = name();
        JsonNode json = ok(send("PUT", admin + "/certificates/" + n1, certificate(CERT, KEY, List.of(n2), null)));
        assertThat(json.get("cert").asText()).isEqualTo(CERT);
        assertThat(texts(json.get("snis"))).containsExactly(n1, n2);
        assertThat(ok(get(admin + "/certificates/" + json.get("id").asText()))).isEqualTo(json);
    }

    /**
     * 06-certificates_routes_spec: "/certificates/cert_id_or_sni PUT creates a new sni when provided in the url
     * (with sni duplicated in url and body)".
     */
    @Test
    void creates_a_new_sni_when_provided_in_the_url_with_sni_duplicated_in_url_and_body() {
        String n1 = name();
        String n2 = name();
        JsonNode json = ok(send("PUT", admin + "/certificates/" + n1, certificate(CERT, KEY, List.of(n1, n2), null)));
        assertThat(json.get("cert").asText()).isEqualTo(CERT);
        assertThat(texts(json.get("snis"))).containsExactly(n1, n2);
        assertThat(ok(get(admin + "/certificates/" + json.get("id").asText()))).isEqualTo(json);
    }

    /** 06-certificates_routes_spec: "/certificates/cert_id_or_sni PUT upserts if found". */
    @Test
    void upserts_if_found() {
        Added added = addCertificate(null);
        JsonNode json =
                ok(send("PUT", admin + "/certificates/" + added.id(), certificate(CERT_ALT, KEY_ALT, null, null)));
        assertThat(json.get("cert").asText()).isEqualTo(CERT_ALT);
        assertThat(json.get("key").asText()).isEqualTo(KEY_ALT);
        assertThat(json.get("snis")).isEmpty();
        assertThat(ok(get(admin + "/certificates/" + added.id()))).isEqualTo(json);
    }

    /** 06-certificates_routes_spec: "/certificates/cert_id_or_sni PUT handles invalid input". */
    @Test
    void put_handles_invalid_input() throws Exception {
        Http.Response response = send("PUT", admin + "/certificates/" + UUID.randomUUID(), "{}");
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json())
                .isEqualTo(Http.JSON.readTree("{\"code\":2,\"name\":\"schema violation\",\"message\":\"2 schema"
                        + " violations (cert: required field missing; key: required field missing)\",\"fields\":"
                        + "{\"cert\":\"required field missing\",\"key\":\"required field missing\"}}"));
    }

    /** 06-certificates_routes_spec: "/certificates/cert_id_or_sni PUT handles mismatched keys/certificates". */
    @Test
    void handles_mismatched_keys_certificates() throws Exception {
        Http.Response response = post(admin + "/certificates", certificate(CERT, KEY_ALT, null, null));
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json())
                .isEqualTo(Http.JSON.readTree("{\"code\":2,\"name\":\"schema violation\",\"message\":\"schema"
                        + " violation (certificate does not match key)\",\"fields\":{\"@entity\":"
                        + "[\"certificate does not match key\"]}}"));
    }

    /**
     * 06-certificates_routes_spec: "/certificates/cert_id_or_sni PATCH updates a certificate by cert id" with
     * application/www-form-urlencoded, with multipart/form-data, with application/json.
     */
    @ParameterizedTest
    @ValueSource(strings = {FORM, MULTIPART, JSON})
    void updates_a_certificate_by_cert_id(String contentType) {
        Added added = addCertificate(null);
        JsonNode json = ok(
                sendIn(contentType, "PATCH", "/certificates/" + added.id(), Map.of("cert", CERT_ALT, "key", KEY_ALT)));
        assertThat(json.get("cert").asText()).isEqualTo(CERT_ALT);
    }

    /**
     * 06-certificates_routes_spec: "/certificates/cert_id_or_sni PATCH update by id returns full certificate" with
     * application/www-form-urlencoded, with multipart/form-data, with application/json. ({@code updated_at} is only
     * required not to go back: Kong's equality of it holds only when both writes fall in the same second.)
     */
    @ParameterizedTest
    @ValueSource(strings = {FORM, MULTIPART, JSON})
    void update_by_id_returns_full_certificate(String contentType) {
        Added added = addCertificate(null);
        JsonNode json = ok(sendIn(contentType, "PATCH", "/certificates/" + added.id(), Map.of()));
        assertSameCertificate(json, added.certificate());
    }

    /**
     * 06-certificates_routes_spec: "/certificates/cert_id_or_sni PATCH updates a certificate by sni" with
     * application/www-form-urlencoded, with multipart/form-data, with application/json.
     */
    @ParameterizedTest
    @ValueSource(strings = {FORM, MULTIPART, JSON})
    void updates_a_certificate_by_sni(String contentType) {
        Added added = addCertificate(null);
        JsonNode json = ok(sendIn(
                contentType,
                "PATCH",
                "/certificates/" + added.names().get(0),
                Map.of("cert", CERT_ALT, "key", KEY_ALT)));
        assertThat(json.get("cert").asText()).isEqualTo(CERT_ALT);
    }

    /**
     * 06-certificates_routes_spec: "/certificates/cert_id_or_sni PATCH update by sni returns full certificate" with
     * application/www-form-urlencoded, with multipart/form-data, with application/json ({@code updated_at} as above).
     */
    @ParameterizedTest
    @ValueSource(strings = {FORM, MULTIPART, JSON})
    void update_by_sni_returns_full_certificate(String contentType) {
        Added added = addCertificate(null);
        JsonNode json =
                ok(sendIn(contentType, "PATCH", "/certificates/" + added.names().get(0), Map.of()));
        assertSameCertificate(json, added.certificate());
    }

    /** 06-certificates_routes_spec: "/certificates/cert_id_or_sni PATCH returns 404 for a random non-existing id". */
    @Test
    void patch_returns_404_for_a_random_non_existing_id() {
        String n1 = name();
        Http.Response response =
                send("PATCH", admin + "/certificates/" + UUID.randomUUID(), certificate(CERT, KEY, List.of(n1), null));
        assertThat(response.status()).as(response.body()).isEqualTo(404);
        assertThat(get(admin + "/snis/" + n1).status()).isEqualTo(404);
    }

    /** 06-certificates_routes_spec: "/certificates/cert_id_or_sni PATCH updates snis associated with a certificate". */
    @Test
    void updates_snis_associated_with_a_certificate() {
        String tag = tag();
        Added added = addCertificate(tag);
        Added other = addCertificate(tag);
        String n1 = name();
        JsonNode before = certificates(tag);

        JsonNode json = ok(send("PATCH", admin + "/certificates/" + added.id(), "{\"snis\":[\"" + n1 + "\"]}"));
        assertThat(texts(json.get("snis"))).containsExactly(n1);

        JsonNode after = certificates(tag);
        assertThat(after).hasSize(before.size());
        for (JsonNode data : after) {
            if (data.get("id").asText().equals(added.id())) {
                assertThat(texts(data.get("snis"))).containsExactly(n1);
            } else {
                assertThat(texts(data.get("snis"))).containsExactlyElementsOf(other.names());
            }
        }
        assertThat(get(admin + "/snis/" + added.names().get(0)).status()).isEqualTo(404);
    }

    /** 06-certificates_routes_spec: ".../cert_id_or_sni PATCH updates only the certificate if no snis ...". */
    @Test
    void updates_only_the_certificate_if_no_snis_are_specified() {
        String tag = tag();
        Added added = addCertificate(tag);
        JsonNode before = certificates(tag);

        JsonNode json = ok(send("PATCH", admin + "/certificates/" + added.id(), certificate(CERT, KEY, null, null)));
        assertThat(texts(json.get("snis"))).containsExactlyElementsOf(added.names());
        assertThat(json.get("cert").asText()).isEqualTo(CERT);
        assertThat(json.get("key").asText()).isEqualTo(KEY);

        JsonNode stored = ok(get(admin + "/certificates/" + added.id()));
        assertThat(stored.get("cert").asText()).isEqualTo(CERT);
        assertThat(stored.get("key").asText()).isEqualTo(KEY);
        JsonNode after = certificates(tag);
        assertThat(after).hasSize(1);
        assertSameCertificate(after.get(0), before.get(0));
    }

    /** 06-certificates_routes_spec: ".../cert_id_or_sni PATCH returns a conflict when duplicated snis ...". */
    @Test
    void patch_returns_a_conflict_when_duplicated_snis_are_present_in_the_request() {
        String tag = tag();
        Added added = addCertificate(tag);
        JsonNode before = certificates(tag);
        String n1 = name();

        Http.Response response =
                send("PATCH", admin + "/certificates/" + added.id(), "{\"snis\":[\"" + n1 + "\",\"" + n1 + "\"]}");
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("message").asText())
                .isEqualTo("schema violation (snis: " + n1 + " is duplicated)");
        assertThat(certificates(tag)).isEqualTo(before);
    }

    /**
     * 06-certificates_routes_spec: "/certificates/cert_id_or_sni PATCH returns a conflict when a pre-existing sni
     * present in the request is associated with another certificate".
     */
    @Test
    void returns_a_conflict_when_a_pre_existing_sni_present_in_the_request_is_associated_with_another_certificate() {
        String tag = tag();
        Added added = addCertificate(tag);
        Added other = addCertificate(tag);
        JsonNode before = certificates(tag);

        Http.Response response =
                send("PATCH", admin + "/certificates/" + added.id(), "{\"snis\":" + strings(other.names()) + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("message").asText())
                .isEqualTo("schema violation (snis: " + other.names().get(0)
                        + " already associated with existing certificate '" + other.id() + "')");
        assertThat(certificates(tag)).isEqualTo(before);
    }

    /**
     * 06-certificates_routes_spec: "/certificates/cert_id_or_sni PATCH deletes all snis from a certificate if snis
     * field is JSON null".
     */
    @Test
    void deletes_all_snis_from_a_certificate_if_snis_field_is_json_null() {
        String tag = tag();
        Added added = addCertificate(tag);
        Added other = addCertificate(tag);

        Http.Response response = send("PATCH", admin + "/certificates/" + added.id(), "{\"snis\":null}");
        JsonNode json = ok(response);
        assertThat(json.get("snis")).isEmpty();
        assertThat(response.body()).contains("\"snis\":[]");

        JsonNode after = certificates(tag);
        assertThat(after).hasSize(2);
        for (JsonNode data : after) {
            if (data.get("id").asText().equals(added.id())) {
                assertThat(data.get("snis")).isEmpty();
            } else {
                assertThat(texts(data.get("snis"))).containsExactlyElementsOf(other.names());
            }
        }
    }

    /** 06-certificates_routes_spec: ".../cert_id_or_sni DELETE deletes a certificate and all related snis". */
    @Test
    void deletes_a_certificate_and_all_related_snis() {
        String tag = tag();
        Added added = addCertificate(tag);

        assertThat(Http.delete(admin + "/certificates/" + added.names().get(0)).status())
                .isEqualTo(204);
        assertThat(certificates(tag)).isEmpty();
        assertThat(get(admin + "/snis/" + added.names().get(0)).status()).isEqualTo(404);
        assertThat(get(admin + "/snis/" + added.names().get(1)).status()).isEqualTo(404);
    }

    /** 06-certificates_routes_spec: "/certificates/cert_id_or_sni DELETE deletes a certificate by id". */
    @Test
    void deletes_a_certificate_by_id() {
        String tag = tag();
        Added added = addCertificate(tag);

        assertThat(Http.delete(admin + "/certificates/" + added.id()).status()).isEqualTo(204);
        assertThat(certificates(tag)).isEmpty();
    }

    // ---------------------------------------------------------------- /certificates/{certificate}/snis

    /** 06-certificates_routes_spec: "/certificates/:certificate/snis POST errors certificate doesn't exist". */
    @Test
    void certificate_doesnt_exist() {
        Http.Response response = post(
                admin + "/certificates/585e4c16-c656-11e6-8db9-5f512d8a12cd/snis", "{\"name\":\"" + name() + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(404);
        assertThat(response.json().get("message").asText()).isEqualTo("Not found");
    }

    /**
     * 06-certificates_routes_spec: "/certificates/:certificate/snis POST creates a sni using a certificate id" with
     * application/www-form-urlencoded, with multipart/form-data, with application/json.
     */
    @ParameterizedTest
    @ValueSource(strings = {FORM, MULTIPART, JSON})
    void creates_a_sni_using_a_certificate_id(String contentType) {
        Added added = addCertificate(null);
        String n1 = name();
        JsonNode json =
                created(sendIn(contentType, "POST", "/certificates/" + added.id() + "/snis", Map.of("name", n1)));
        assertThat(json.get("name").asText()).isEqualTo(n1);
        assertThat(json.get("certificate").get("id").asText()).isEqualTo(added.id());
    }

    /**
     * 06-certificates_routes_spec: "/certificates/:certificate/snis POST creates a sni using a sni to id the
     * certificate" with application/www-form-urlencoded, with multipart/form-data, with application/json.
     */
    @ParameterizedTest
    @ValueSource(strings = {FORM, MULTIPART, JSON})
    void creates_a_sni_using_a_sni_to_id_the_certificate(String contentType) {
        Added added = addCertificate(null);
        String n1 = name();
        JsonNode json = created(
                sendIn(contentType, "POST", "/certificates/" + added.names().get(0) + "/snis", Map.of("name", n1)));
        assertThat(json.get("name").asText()).isEqualTo(n1);
        assertThat(json.get("certificate").get("id").asText()).isEqualTo(added.id());
    }

    /** 06-certificates_routes_spec: ".../:certificate/snis POST returns a conflict when an sni already exists". */
    @Test
    void returns_a_conflict_when_an_sni_already_exists() {
        Added added = addCertificate(null);
        Http.Response response = post(
                admin + "/certificates/" + added.id() + "/snis",
                "{\"name\":\"" + added.names().get(0) + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(409);
        assertThat(response.json().get("name").asText()).isEqualTo("unique constraint violation");
    }

    /** 06-certificates_routes_spec: "/certificates/:certificate/snis GET retrieves a list of snis". */
    @Test
    void retrieves_a_list_of_snis() {
        JsonNode certificate = created(post(admin + "/certificates", certificate(CERT, KEY, null, null)));
        String id = certificate.get("id").asText();
        String n1 = name();
        created(post(admin + "/snis", sni(n1, id)));

        JsonNode json = ok(get(admin + "/certificates/" + id + "/snis"));
        assertThat(json.get("data")).hasSize(1);
        assertThat(json.get("data").get(0).get("name").asText()).isEqualTo(n1);
        assertThat(json.get("data").get(0).get("certificate").get("id").asText())
                .isEqualTo(id);
    }

    // ---------------------------------------------------------------- /snis

    /** 06-certificates_routes_spec: "/snis/:name wildcard snis POST creates with prefix wildcard". */
    @Test
    void creates_with_prefix_wildcard() {
        Added added = addCertificate(null);
        String name = "*." + name();
        JsonNode json = created(post(admin + "/snis", sni(name, added.id())));
        assertThat(json.get("name").asText()).isEqualTo(name);
        assertThat(json.get("certificate").get("id").asText()).isEqualTo(added.id());
    }

    /** 06-certificates_routes_spec: "/snis/:name wildcard snis POST creates with suffix wildcard". */
    @Test
    void creates_with_suffix_wildcard() {
        Added added = addCertificate(null);
        String name = name() + ".*";
        JsonNode json = created(post(admin + "/snis", sni(name, added.id())));
        assertThat(json.get("name").asText()).isEqualTo(name);
        assertThat(json.get("certificate").get("id").asText()).isEqualTo(added.id());
    }

    /** 06-certificates_routes_spec: "/snis/:name wildcard snis POST rejects invalid SNIs". */
    @Test
    void rejects_invalid_snis() {
        Added added = addCertificate(null);
        Http.Response response = post(admin + "/snis", sni("*.wildcard.*", added.id()));
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("fields").get("name").asText()).isEqualTo("only one wildcard must be specified");
    }

    /** 06-certificates_routes_spec: "/snis/:name wildcard snis GET retrieves a wildcard SNI using the name". */
    @Test
    void retrieves_a_wildcard_sni_using_the_name() {
        Added added = addCertificate(null);
        String suffix = RUN + "-wildcard.com";
        created(post(admin + "/snis", sni("*." + suffix, added.id())));

        JsonNode json = ok(get(admin + "/snis/%2A." + suffix));
        assertThat(json.get("name").asText()).isEqualTo("*." + suffix);
    }

    /** 06-certificates_routes_spec: "/snis/:name GET retrieves a sni using the name". */
    @Test
    void retrieves_a_sni_using_the_name() {
        Added added = addCertificate(null);
        JsonNode json = ok(get(admin + "/snis/" + added.names().get(0)));
        assertThat(json.get("name").asText()).isEqualTo(added.names().get(0));
        assertThat(json.get("certificate").get("id").asText()).isEqualTo(added.id());
    }

    /** 06-certificates_routes_spec: "/snis/:name GET retrieves a sni using the id". */
    @Test
    void retrieves_a_sni_using_the_id() {
        Added added = addCertificate(null);
        String n1 = name();
        JsonNode sni = created(post(admin + "/snis", sni(n1, added.id())));

        JsonNode json = ok(get(admin + "/snis/" + sni.get("id").asText()));
        assertThat(json.get("name").asText()).isEqualTo(n1);
        assertThat(json.get("certificate").get("id").asText()).isEqualTo(added.id());
    }

    /** 06-certificates_routes_spec: "/snis/:name PUT creates if not found". */
    @Test
    void sni_put_creates_if_not_found() {
        Added added = addCertificate(null);
        String n1 = name();
        UUID id = UUID.randomUUID();
        JsonNode json = ok(send("PUT", admin + "/snis/" + id, sni(n1, added.id())));
        assertThat(json.get("name").asText()).isEqualTo(n1);
        assertThat(ok(get(admin + "/snis/" + id))).isEqualTo(json);
    }

    /** 06-certificates_routes_spec: "/snis/:name PUT updates if found". */
    @Test
    void sni_put_updates_if_found() {
        Added added = addCertificate(null);
        JsonNode sni = created(post(admin + "/snis", sni(name(), added.id())));
        String id = sni.get("id").asText();
        String n2 = name();

        JsonNode json = ok(send("PUT", admin + "/snis/" + id, sni(n2, added.id())));
        assertThat(json.get("name").asText()).isEqualTo(n2);
        assertThat(ok(get(admin + "/snis/" + id))).isEqualTo(json);
    }

    /** 06-certificates_routes_spec: "/snis/:name PUT handles invalid input". */
    @Test
    void sni_put_handles_invalid_input() throws Exception {
        Http.Response response = send("PUT", admin + "/snis/" + UUID.randomUUID(), "{}");
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json())
                .isEqualTo(Http.JSON.readTree("{\"code\":2,\"name\":\"schema violation\",\"message\":\"2 schema"
                        + " violations (certificate: required field missing; name: required field missing)\","
                        + "\"fields\":{\"certificate\":\"required field missing\","
                        + "\"name\":\"required field missing\"}}"));
    }

    /** 06-certificates_routes_spec: "/snis/:name PATCH updates a sni". */
    @Test
    void updates_a_sni() {
        Added added = addCertificate(null);
        String id2 = created(post(admin + "/certificates", certificate(CERT_ALT, KEY_ALT, null, null)))
                .get("id")
                .asText();

        JsonNode json = ok(
                send("PATCH", admin + "/snis/" + added.names().get(0), "{\"certificate\":{\"id\":\"" + id2 + "\"}}"));
        assertThat(json.get("certificate").get("id").asText()).isEqualTo(id2);

        assertThat(texts(ok(get(admin + "/certificates/" + added.id())).get("snis")))
                .containsExactly(added.names().get(1));
        assertThat(texts(ok(get(admin + "/certificates/" + id2)).get("snis")))
                .containsExactly(added.names().get(0));
    }

    /** 06-certificates_routes_spec: "/snis/:name DELETE deletes a sni". */
    @Test
    void deletes_a_sni() {
        Added added = addCertificate(null);
        String n1 = name();
        created(post(admin + "/snis", sni(n1, added.id())));

        assertThat(Http.delete(admin + "/snis/" + n1).status()).isEqualTo(204);
    }

    // ---------------------------------------------------------------- helpers

    /** A certificate added as Kong's spec does (two fresh SNI names), tagged when {@code tag} is not null. */
    private record Added(JsonNode certificate, List<String> names) {
        String id() {
            return certificate.get("id").asText();
        }
    }

    private static Added addCertificate(String tag) {
        List<String> names = List.of(name(), name());
        return new Added(created(post(admin + "/certificates", certificate(CERT, KEY, names, tag))), names);
    }

    /** A fresh SNI name of this run. */
    private static String name() {
        return String.format("name%04d-%s.test", NAMES.incrementAndGet(), RUN);
    }

    /** A tag of its own for one test, to list only that test's certificates. */
    private static String tag() {
        return "t" + NAMES.incrementAndGet() + "-" + RUN;
    }

    /** The certificates tagged {@code tag}. */
    private static JsonNode certificates(String tag) {
        return ok(get(admin + "/certificates?tags=" + tag)).get("data");
    }

    private static String certificate(String cert, String key, List<String> snis, String tag) {
        ObjectNode body = Http.JSON.createObjectNode().put("cert", cert).put("key", key);
        if (snis != null) {
            ArrayNode array = body.putArray("snis");
            snis.forEach(array::add);
        }
        if (tag != null) {
            body.putArray("tags").add(tag);
        }
        return body.toString();
    }

    private static String sni(String name, String certificateId) {
        ObjectNode body = Http.JSON.createObjectNode().put("name", name);
        body.putObject("certificate").put("id", certificateId);
        return body.toString();
    }

    private static String strings(List<String> values) {
        ArrayNode array = Http.JSON.createArrayNode();
        values.forEach(array::add);
        return array.toString();
    }

    /**
     * Sends {@code fields} (string or list-of-string values) in the given content type: JSON, a form with a repeated
     * key per list element, or multipart with {@code name[1]}, {@code name[2]}, ... parts, as Kong's spec does.
     */
    private static Http.Response sendIn(String contentType, String method, String path, Map<String, Object> fields) {
        String url = admin + path;
        return switch (contentType) {
            case JSON -> send(method, url, Http.JSON.valueToTree(fields).toString());
            case FORM -> {
                List<String> pairs = new ArrayList<>();
                fields.forEach((key, value) -> {
                    if (value instanceof List<?> list) {
                        list.forEach(element -> pairs.add(encode(key) + "=" + encode(element.toString())));
                    } else {
                        pairs.add(encode(key) + "=" + encode(value.toString()));
                    }
                });
                yield Http.sendAs(method, url, FORM, String.join("&", pairs));
            }
            case MULTIPART -> {
                StringBuilder body = new StringBuilder();
                fields.forEach((key, value) -> {
                    if (value instanceof List<?> list) {
                        for (int i = 0; i < list.size(); i++) {
                            part(body, key + "[" + (i + 1) + "]", list.get(i).toString());
                        }
                    } else {
                        part(body, key, value.toString());
                    }
                });
                body.append("--").append(BOUNDARY).append("--\r\n");
                yield Http.sendAs(method, url, MULTIPART + "; boundary=" + BOUNDARY, body.toString());
            }
            default -> throw new IllegalArgumentException(contentType);
        };
    }

    private static void part(StringBuilder body, String name, String value) {
        body.append("--")
                .append(BOUNDARY)
                .append("\r\nContent-Disposition: form-data; name=\"")
                .append(name)
                .append("\"\r\n\r\n")
                .append(value)
                .append("\r\n");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** The same certificate, {@code updated_at} aside (it must not go back). */
    private static void assertSameCertificate(JsonNode actual, JsonNode expected) {
        ObjectNode a = actual.deepCopy();
        ObjectNode e = expected.deepCopy();
        assertThat(a.get("updated_at").asLong())
                .isGreaterThanOrEqualTo(e.get("updated_at").asLong());
        a.remove("updated_at");
        e.remove("updated_at");
        assertThat(a).isEqualTo(e);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
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
