package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.JsonCodec;
import io.tollgate.domain.credential.PublicKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * A decoded JWT in compact form ({@code base64url(header).base64url(claims).base64url(signature)}), decoded as Kong's
 * jwt parser does, and its signature check with the JDK's providers.
 *
 * @param header the JOSE header
 * @param claims the claims
 * @param signingInput {@code <header part>.<claims part>} as sent, the bytes the signature covers
 * @param signature the decoded signature
 */
record JwtToken(
        Map<String, @Nullable Object> header,
        Map<String, @Nullable Object> claims,
        String signingInput,
        byte[] signature) {

    /** Kong 3.x's algorithms. */
    static final Set<String> ALGORITHMS = Set.of(
            "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512",
            "EdDSA");

    /** A token, or Kong's reason it is not one ({@code "invalid JSON"}, {@code "invalid typ"}, {@code "invalid alg"}). */
    sealed interface Decoded {
        record Ok(JwtToken token) implements Decoded {}

        record Bad(String reason) implements Decoded {}
    }

    /**
     * Decodes {@code token}: three dot-separated base64url parts, JSON objects (read with {@code json}) for header
     * and claims.
     */
    @SuppressWarnings("unchecked")
    static Decoded decode(String token, JsonCodec json) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return new Decoded.Bad("invalid JSON");
        }
        Object header;
        Object claims;
        byte[] signature;
        try {
            header = json.read(base64url(parts[0]));
            claims = json.read(base64url(parts[1]));
            signature = base64url(parts[2]);
        } catch (IllegalArgumentException e) {
            return new Decoded.Bad("invalid JSON");
        }
        if (!(header instanceof Map<?, ?> h)) {
            return new Decoded.Bad("invalid JSON");
        }
        if (h.get("typ") instanceof String typ && !typ.equalsIgnoreCase("JWT")) {
            return new Decoded.Bad("invalid typ");
        }
        if (!(h.get("alg") instanceof String alg) || !ALGORITHMS.contains(alg)) {
            return new Decoded.Bad("invalid alg");
        }
        if (!(claims instanceof Map<?, ?>)) {
            return new Decoded.Bad("invalid claims");
        }
        return new Decoded.Ok(new JwtToken(
                (Map<String, @Nullable Object>) header,
                (Map<String, @Nullable Object>) claims,
                parts[0] + "." + parts[1],
                signature));
    }

    /** The header's {@code alg}. */
    String algorithm() {
        return (String) header.get("alg");
    }

    /**
     * Whether the signature verifies: HS* with {@code key} as the HMAC secret, the others with {@code key} as a PEM
     * public key ({@link PublicKeys#parse}). ES* signatures are JOSE's raw {@code r || s}.
     */
    boolean verifies(byte[] key) {
        String alg = algorithm();
        byte[] input = signingInput.getBytes(StandardCharsets.US_ASCII);
        try {
            if (alg.startsWith("HS")) {
                String mac = "HmacSHA" + alg.substring(2);
                Mac hmac = Mac.getInstance(mac);
                hmac.init(new SecretKeySpec(key, mac));
                return MessageDigest.isEqual(hmac.doFinal(input), signature);
            }
            Optional<PublicKey> publicKey = PublicKeys.parse(new String(key, StandardCharsets.UTF_8));
            if (publicKey.isEmpty()) {
                return false;
            }
            Signature verifier = verifier(alg);
            verifier.initVerify(publicKey.get());
            verifier.update(input);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            return false; // a key that does not suit the algorithm, a malformed signature
        }
    }

    private static Signature verifier(String alg) throws GeneralSecurityException {
        String bits = alg.substring(2);
        return switch (alg.substring(0, 2)) {
            case "RS" -> Signature.getInstance("SHA" + bits + "withRSA");
            case "ES" -> Signature.getInstance("SHA" + bits + "withECDSAinP1363Format");
            case "PS" -> {
                Signature pss = Signature.getInstance("RSASSA-PSS");
                String digest = "SHA-" + bits;
                pss.setParameter(new PSSParameterSpec(
                        digest, "MGF1", new MGF1ParameterSpec(digest), Integer.parseInt(bits) / 8, 1));
                yield pss;
            }
            default -> Signature.getInstance("EdDSA");
        };
    }

    /** base64url without padding (padding tolerated), as JWTs encode their parts. */
    static byte[] base64url(String part) {
        String unpadded = part.endsWith("=") ? part.replaceAll("=+$", "") : part;
        return Base64.getUrlDecoder().decode(unpadded);
    }
}
