package io.tollgate.domain.key;

import static io.tollgate.domain.schema.Fields.array;
import static io.tollgate.domain.schema.Fields.string;

import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.shared.SchemaViolation;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPrivateKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Checks a {@code keys} entity's {@code jwk} once its JSON is parsed, as Kong's {@code keys} entity check does, in
 * Kong's order and with Kong's messages: the JWK's {@code kid} equals the key's {@code kid}
 * ({@code kid in jwk.kid must be equal to keys.kid}); the key loads ({@code could not load JWK, likely not a valid
 * key}: a known {@code kty} — {@code RSA} with {@code n} and {@code e}, {@code EC} on P-256/P-384/P-521 with {@code x}
 * and {@code y}, {@code OKP} on Ed25519/Ed448/X25519/X448 with {@code x}, {@code oct} with {@code k} — whose
 * base64url members decode to a key); then the members match Kong's {@code jwk} record (strings, {@code key_ops} and
 * {@code x5c} arrays of strings, no other member), reported as {@code <member>: <message>} joined by {@code ; }.
 * Parsing the JSON is the caller's (the domain has no JSON parser); a JSON text that is not an object is refused as
 * {@link #NOT_JSON}.
 */
public final class Jwks {

    /** Kong's message for a {@code jwk} that is not a JSON object. */
    public static final String NOT_JSON = "could not json decode jwk string";

    static final String KID = "kid in jwk.kid must be equal to keys.kid";
    static final String NOT_A_KEY = "could not load JWK, likely not a valid key";

    /** Kong's {@code typedefs.jwk} record. */
    static final RecordSchema RECORD = RecordSchema.of(members());

    private static final Map<String, String> EC_CURVES =
            Map.of("P-256", "secp256r1", "P-384", "secp384r1", "P-521", "secp521r1");
    private static final Map<String, Integer> OKP_LENGTHS =
            Map.of("Ed25519", 32, "X25519", 32, "Ed448", 57, "X448", 56);

    private Jwks() {}

    private static FieldSpec[] members() {
        List<FieldSpec> fields = new ArrayList<>();
        for (String name : List.of("issuer", "kty", "use")) {
            fields.add(string(name));
        }
        fields.add(array("key_ops", string("key_op")));
        fields.add(string("alg"));
        fields.add(string("kid").required());
        fields.add(string("x5u"));
        fields.add(array("x5c", string("x5c")));
        for (String name : List.of(
                "x5t", "x5t#S256", "k", "x", "y", "crv", "n", "e", "d", "p", "q", "dp", "dq", "qi", "oth", "r", "t")) {
            fields.add(string(name));
        }
        return fields.toArray(FieldSpec[]::new);
    }

    /**
     * Kong's {@code keys} entity check on a validated key: when its {@code jwk} is set and is not a
     * {@code {vault://…}} reference, the JSON text is parsed with {@code parseJson} and checked by {@link #problem}.
     *
     * @param key the validated fields of a {@code keys} entity
     * @param parseJson parses a JSON text; returns {@code null} or throws {@link IllegalArgumentException} when the
     *     text is not JSON (refused as {@link #NOT_JSON})
     * @throws SchemaViolation with Kong's message under {@code @entity} when Kong would refuse the key
     */
    public static void checkKey(
            Map<String, ? extends @Nullable Object> key, Function<String, @Nullable Object> parseJson) {
        if (!(key.get("jwk") instanceof String jwk) || (jwk.startsWith("{vault://") && jwk.endsWith("}"))) {
            return;
        }
        Object parsed;
        try {
            parsed = parseJson.apply(jwk);
        } catch (IllegalArgumentException e) {
            parsed = null;
        }
        problem(parsed, key.get("kid")).ifPresent(message -> {
            throw new SchemaViolation(Map.of("@entity", List.of(message)));
        });
    }

    /**
     * Kong's entity-level message for what is wrong with a parsed JWK, or empty when it is fine.
     *
     * @param jwk the {@code jwk} field's JSON value (a {@code Map} for a JSON object; anything else is refused)
     * @param kid the key entity's {@code kid}
     */
    public static Optional<String> problem(@Nullable Object jwk, @Nullable Object kid) {
        if (!(jwk instanceof Map<?, ?> members)) {
            return Optional.of(NOT_JSON);
        }
        if (!(members.get("kid") instanceof String jwkKid) || !jwkKid.equals(kid)) {
            return Optional.of(KID);
        }
        if (!loads(members)) {
            return Optional.of(NOT_A_KEY);
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, @Nullable Object> input = (Map<String, @Nullable Object>) members;
            RECORD.validate(input);
            return Optional.empty();
        } catch (SchemaViolation e) {
            List<String> messages = new ArrayList<>();
            new TreeMap<>(e.fields()).forEach((field, message) -> messages.add(field + ": " + message));
            return Optional.of(String.join("; ", messages));
        }
    }

    /** Whether the JWK's {@code kty} is known and its members make a key of that type. */
    static boolean loads(Map<?, ?> jwk) {
        try {
            return switch (String.valueOf(jwk.get("kty"))) {
                case "RSA" -> rsa(jwk);
                case "EC" -> ec(jwk);
                case "OKP" -> okp(jwk);
                case "oct" -> bytes(jwk, "k").length > 0;
                default -> false;
            };
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            return false;
        }
    }

    private static boolean rsa(Map<?, ?> jwk) throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance("RSA");
        BigInteger modulus = integer(jwk, "n");
        factory.generatePublic(new RSAPublicKeySpec(modulus, integer(jwk, "e")));
        if (jwk.get("d") != null) {
            factory.generatePrivate(new RSAPrivateKeySpec(modulus, integer(jwk, "d")));
        }
        return true;
    }

    private static boolean ec(Map<?, ?> jwk) throws GeneralSecurityException {
        String curve = EC_CURVES.get(String.valueOf(jwk.get("crv")));
        if (curve == null) {
            return false;
        }
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec(curve));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        ECPoint point = new ECPoint(integer(jwk, "x"), integer(jwk, "y"));
        if (!onCurve(point, spec)) {
            return false;
        }
        KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
        return true;
    }

    /** {@code y² = x³ + ax + b (mod p)}: the JDK's key factory does not check it. */
    private static boolean onCurve(ECPoint point, ECParameterSpec spec) {
        BigInteger p = ((ECFieldFp) spec.getCurve().getField()).getP();
        BigInteger x = point.getAffineX();
        BigInteger y = point.getAffineY();
        BigInteger left = y.multiply(y).mod(p);
        BigInteger right = x.pow(3)
                .add(spec.getCurve().getA().multiply(x))
                .add(spec.getCurve().getB())
                .mod(p);
        return x.compareTo(p) < 0 && y.compareTo(p) < 0 && left.equals(right);
    }

    private static boolean okp(Map<?, ?> jwk) {
        Integer length = OKP_LENGTHS.get(String.valueOf(jwk.get("crv")));
        return length != null
                && bytes(jwk, "x").length == length
                && (jwk.get("d") == null || bytes(jwk, "d").length == length);
    }

    private static BigInteger integer(Map<?, ?> jwk, String member) {
        byte[] bytes = bytes(jwk, member);
        if (bytes.length == 0) {
            throw new IllegalArgumentException(member);
        }
        return new BigInteger(1, bytes);
    }

    /** A base64url member's bytes; a missing or non-string member is an {@link IllegalArgumentException}. */
    private static byte[] bytes(Map<?, ?> jwk, String member) {
        if (!(jwk.get(member) instanceof String text)) {
            throw new IllegalArgumentException(member);
        }
        return Base64.getUrlDecoder().decode(text);
    }
}
