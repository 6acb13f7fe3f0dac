package io.tollgate.application.plugin.bundled;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kong's hmac-auth parameters, signing string and HMACs. */
class HmacSignatureTest {

    @Test
    void parsesKongsAuthorizationParameters() {
        String header = "hmac username=\"bob\", algorithm=\"hmac-sha256\", headers=\"date @request-target\", "
                + "signature=\"abc=\"";
        assertThat(HmacSignature.parse(header))
                .hasValue(new HmacSignature("bob", "hmac-sha256", List.of("date", "@request-target"), "abc="));
        assertThat(HmacSignature.parse(
                        "Hmac username=\"bob\",algorithm=\"hmac-sha1\",headers=\"date\",signature=\"x\""))
                .hasValueSatisfying(s -> assertThat(s.headers()).containsExactly("date"));
        assertThat(HmacSignature.parse("asd")).isEmpty();
        assertThat(HmacSignature.parse("hmac username=\"bob\", algorithm=\"hmac-sha1\", signature=\"x\""))
                .as("no headers parameter")
                .isEmpty();
        assertThat(HmacSignature.parse(null)).isEmpty();
    }

    @Test
    void buildsKongsSigningString() {
        HmacSignature signature = new HmacSignature(
                "bob", "hmac-sha1", List.of("date", "@request-target", "request-line", "x-missing", "content-md5"), "");
        Map<String, String> headers = Map.of("date", "Thu, 22 Jun 2017 17:15:21 GMT", "content-md5", "abc");
        assertThat(signature.signingString("POST", "/path?a=1", "1.1", headers::get))
                .isEqualTo("date: Thu, 22 Jun 2017 17:15:21 GMT\n"
                        + "@request-target: post /path?a=1\n"
                        + "POST /path?a=1 HTTP/1.1\n"
                        + "x-missing:\n"
                        + "content-md5: abc");
        assertThat(signature.signingString("POST", "/path?a=1", "2.0", headers::get))
                .as("Kong's request-line names the client's HTTP version")
                .contains("POST /path?a=1 HTTP/2.0\n");
    }

    @Test
    void computesTheFourHmacsAndVerifiesInBase64() {
        // RFC 2202 / RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        String data = "what do ya want for nothing?";
        assertThat(HexFormat.of().formatHex(HmacSignature.hmac("hmac-sha1", "Jefe", data)))
                .isEqualTo("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
        assertThat(HexFormat.of().formatHex(HmacSignature.hmac("hmac-sha256", "Jefe", data)))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertThat(HmacSignature.hmac("hmac-sha384", "Jefe", data)).hasSize(48);
        assertThat(HmacSignature.hmac("hmac-sha512", "Jefe", data)).hasSize(64);

        String good = Base64.getEncoder().encodeToString(HmacSignature.hmac("hmac-sha512", "Jefe", data));
        assertThat(new HmacSignature("u", "hmac-sha512", List.of(), good).verifies("Jefe", data))
                .isTrue();
        assertThat(new HmacSignature("u", "hmac-sha512", List.of(), good).verifies("jefe", data))
                .isFalse();
        assertThat(new HmacSignature("u", "hmac-sha512", List.of(), "not base64!").verifies("Jefe", data))
                .isFalse();
    }
}
