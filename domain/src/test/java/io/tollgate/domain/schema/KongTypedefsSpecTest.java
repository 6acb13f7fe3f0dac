package io.tollgate.domain.schema;

import static io.tollgate.domain.testing.PemFixtures.pem;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.domain.certificate.Certificates;
import io.tollgate.domain.route.Routes;
import io.tollgate.domain.service.Services;
import io.tollgate.domain.shared.SchemaViolation;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The cases of Kong's unit spec {@code spec/01-unit/01-db/01-schema/03-typedefs_spec.lua}. Where Tollgate has a
 * typedef as a {@link Rules rule} or a {@link Fields field factory}, it is run in a one-field {@link RecordSchema}
 * ({@code f}); typedefs Tollgate has only inside an entity schema (a service's {@code port} and {@code protocol}, a
 * certificate's {@code cert} and {@code key}, a route's {@code headers}) are run through that entity schema. 10 of
 * the 12 cases; "supports function-call syntax" and "allows overriding typedefs with boolean false" test Lua's
 * typedef call syntax, which has no counterpart.
 */
class KongTypedefsSpecTest {

    private static final String A_VALID_UUID = "cbb297c0-a956-486d-ad1d-f9b42df9465a";
    private static final String A_BLANK_UUID = "00000000-0000-0000-0000-000000000000";

    /** The field errors {@code validate} reports for {@code input}; empty when it accepts it. */
    private static Map<String, Object> errorsOf(
            Function<Map<String, @Nullable Object>, ?> validate, Map<String, ? extends @Nullable Object> input) {
        try {
            validate.apply(new HashMap<>(input));
            return Map.of();
        } catch (SchemaViolation e) {
            return e.fields();
        }
    }

    private static Map<String, Object> fieldErrors(RecordSchema schema, @Nullable Object value) {
        Map<String, @Nullable Object> input = new HashMap<>();
        input.put("f", value);
        return errorsOf(schema::validate, input);
    }

    private static RecordSchema oneString(Rule rule) {
        return RecordSchema.of(Fields.string("f").rule(rule));
    }

    /** A service with {@code field} set to {@code value}; the errors of that field. */
    private static @Nullable Object serviceError(String field, Object value) {
        Map<String, @Nullable Object> input = new HashMap<>(Map.of("host", "example.com"));
        input.put(field, value);
        return errorsOf(Services.SCHEMA::validate, input).get(field);
    }

    /** A certificate with {@code field} set to {@code value}; the errors of that field. */
    private static @Nullable Object certificateError(String field, Object value) {
        Map<String, @Nullable Object> input = new HashMap<>(Map.of("cert", pem("rsa.crt"), "key", pem("rsa.key")));
        input.put(field, value);
        return errorsOf(Certificates.SCHEMA::validate, input).get(field);
    }

    /** 03-typedefs_spec: "features sni typedef". */
    @Test
    void features_sni_typedef() {
        RecordSchema test = oneString(Rules.sni());
        assertThat(fieldErrors(test, "example.com")).isEmpty();
        assertThat(fieldErrors(test, "9foo.te-st.bar.test")).isEmpty();
        assertThat(fieldErrors(test, "127.0.0.1")).containsKey("f");
        assertThat(fieldErrors(test, "example.com:80")).containsKey("f");
        assertThat(fieldErrors(test, "[::1]")).containsKey("f");
    }

    /** 03-typedefs_spec: "features certificate typedef". */
    @Test
    void features_certificate_typedef() {
        assertThat(certificateError("cert", pem("rsa.crt"))).isNull();
        assertThat(certificateError("cert_alt", pem("ec.crt"))).isNull();
        assertThat(certificateError("cert", 42)).isEqualTo("expected a string");
        assertThat(String.valueOf(certificateError("cert", "not a certificate")))
                .contains("invalid certificate");
        assertThat(String.valueOf(certificateError("cert", "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n")))
                .contains("invalid certificate");
    }

    /** 03-typedefs_spec: "features key typedef". */
    @Test
    void features_key_typedef() throws GeneralSecurityException {
        assertThat(certificateError("key", pem("rsa.key"))).isNull();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair fresh = generator.generateKeyPair();
        assertThat(certificateError(
                        "key", pemBlock("PRIVATE KEY", fresh.getPrivate().getEncoded())))
                .isNull();
        assertThat(certificateError(
                        "key", pemBlock("PUBLIC KEY", fresh.getPublic().getEncoded())))
                .isNull();
        assertThat(certificateError("key", 42)).isEqualTo("expected a string");
        assertThat(String.valueOf(certificateError("key", "not a key"))).contains("invalid key");
        assertThat(String.valueOf(certificateError("key", "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n")))
                .contains("invalid key");
    }

    /** {@code der} as a PEM block of {@code type}, as OpenSSL's {@code to_PEM} writes it. */
    private static String pemBlock(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /** 03-typedefs_spec: "features port typedef". */
    @Test
    void features_port_typedef() {
        assertThat(serviceError("port", 1024)).isNull();
        assertThat(serviceError("port", 65535)).isNull();
        assertThat(serviceError("port", 65535.0)).isNull();
        assertThat(serviceError("port", "get")).isEqualTo("expected an integer");
        assertThat(serviceError("port", 65536)).isEqualTo("value should be between 0 and 65535");
        assertThat(serviceError("port", 65536.1)).isEqualTo("expected an integer");
    }

    /** 03-typedefs_spec: "features protocol typedef". */
    @Test
    void features_protocol_typedef() {
        assertThat(serviceError("protocol", "http")).isNull();
        assertThat(serviceError("protocol", "https")).isNull();
        assertThat(serviceError("protocol", "ftp")).isNotNull();
        assertThat(serviceError("protocol", Map.of())).isEqualTo("expected a string");
    }

    /** 03-typedefs_spec: "features timeout typedef" (Kong's {@code timeout}: an integer from 0 to 2^31 - 2). */
    @Test
    void features_timeout_typedef() {
        RecordSchema test = RecordSchema.of(Fields.integer("f").rule(Rules.between(0, 2147483646L)));
        assertThat(fieldErrors(test, 120)).isEmpty();
        assertThat(fieldErrors(test, 0)).isEmpty();
        assertThat(fieldErrors(test, -1)).containsKey("f");
        assertThat(fieldErrors(test, Double.POSITIVE_INFINITY)).containsKey("f");
    }

    /** 03-typedefs_spec: "features uuid typedef". */
    @Test
    void features_uuid_typedef() {
        RecordSchema test = RecordSchema.of(Fields.id());
        assertThat(errorsOf(test::validate, Map.of("id", A_VALID_UUID))).isEmpty();
        assertThat(errorsOf(test::validate, Map.of("id", A_BLANK_UUID))).isEmpty();
        assertThat(errorsOf(test::validate, Map.of("id", "hello"))).containsEntry("id", "expected a valid UUID");
        assertThat(errorsOf(test::validate, Map.of("id", 123))).containsEntry("id", "expected a string");
    }

    /** 03-typedefs_spec: "features http_method typedef". */
    @Test
    void features_http_method_typedef() {
        RecordSchema test = oneString(Rules.uppercase());
        assertThat(fieldErrors(test, "GET")).isEmpty();
        assertThat(fieldErrors(test, "FOOBAR")).isEmpty();
        assertThat(fieldErrors(test, "get")).containsKey("f");
        assertThat(fieldErrors(test, 123)).containsEntry("f", "expected a string");
    }

    /** 03-typedefs_spec: "allows typedefs to be customized". */
    @Test
    void allows_typedefs_to_be_customized() {
        FieldSpec timeout = Fields.integer("f").rule(Rules.between(0, 2147483646L));
        RecordSchema test = RecordSchema.of(timeout.defaultValue(120L));
        assertThat(test.validate(Map.of())).containsEntry("f", 120L);
        assertThat(test.validate(Map.of("f", 900))).containsEntry("f", 900L);
        assertThat(timeout.defaultValue())
                .as("the customized copy leaves the typedef as it was")
                .isNull();
    }

    /** 03-typedefs_spec: "headers rejects 'host' but accepts 'host' substring". */
    @Test
    void headers_rejects_host_but_accepts_host_substring() {
        assertThat(errorsOf(Routes.SCHEMA::validate, Map.of("headers", Map.of("host", List.of("example.com")))))
                .containsKey("headers");
        assertThat(errorsOf(Routes.SCHEMA::validate, Map.of("headers", Map.of("hostname", List.of("example.com")))))
                .isEmpty();
    }
}
