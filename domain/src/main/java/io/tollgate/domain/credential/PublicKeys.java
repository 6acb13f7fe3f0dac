package io.tollgate.domain.credential;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM public keys as the jwt plugin's {@code rsa_public_key} holds them, parsed with the JDK: an X.509
 * SubjectPublicKeyInfo block ({@code -----BEGIN PUBLIC KEY-----}: RSA, RSASSA-PSS, EC, Ed25519, Ed448) or a PKCS#1
 * RSA block ({@code -----BEGIN RSA PUBLIC KEY-----}). Private keys and certificates are not public keys.
 */
public final class PublicKeys {

    private static final Pattern PEM =
            Pattern.compile("-----BEGIN (PUBLIC KEY|RSA PUBLIC KEY)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final List<String> ALGORITHMS = List.of("RSA", "RSASSA-PSS", "EC", "EdDSA");
    /** DER of {@code AlgorithmIdentifier { rsaEncryption, NULL }}. */
    private static final byte[] RSA_ALGORITHM_ID = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };

    private PublicKeys() {}

    /**
     * Parses the first PEM public key block of {@code pem}.
     *
     * @return the key, or empty when there is no such block or it does not hold a public key the JDK knows
     */
    public static Optional<PublicKey> parse(String pem) {
        Matcher block = PEM.matcher(pem);
        if (!block.find()) {
            return Optional.empty();
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(block.group(2).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (der.length == 0) {
            return Optional.empty();
        }
        X509EncodedKeySpec spec = new X509EncodedKeySpec(block.group(1).equals("PUBLIC KEY") ? der : wrapPkcs1(der));
        for (String algorithm : ALGORITHMS) {
            try {
                return Optional.of(KeyFactory.getInstance(algorithm).generatePublic(spec));
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this algorithm's key: try the next one
            }
        }
        return Optional.empty();
    }

    /**
     * Checks that {@code pem} is a public key that can verify JWTs signed with {@code algorithm}.
     *
     * @param algorithm one of {@link JwtSecrets#ALGORITHMS} other than HS*
     * @return Kong's {@code invalid key} when it does not parse, a message naming the expected key when it does not
     *         suit the algorithm, or empty when it is fine
     */
    public static Optional<String> checkFor(String algorithm, String pem) {
        Optional<PublicKey> parsed = parse(pem);
        if (parsed.isEmpty()) {
            return Optional.of("invalid key");
        }
        PublicKey key = parsed.get();
        String family = algorithm.substring(0, 2);
        boolean fits = switch (family) {
            case "RS", "PS" -> key instanceof RSAPublicKey;
            case "ES" ->
                key instanceof ECPublicKey ec
                        && ec.getParams().getCurve().getField().getFieldSize() == curveBits(algorithm);
            default -> key instanceof EdECPublicKey;
        };
        if (fits) {
            return Optional.empty();
        }
        return Optional.of("invalid key: " + algorithm + " needs "
                + switch (family) {
                    case "RS", "PS" -> "an RSA public key";
                    case "ES" -> "an EC public key on curve P-" + curveBits(algorithm);
                    default -> "an Ed25519 or Ed448 public key";
                });
    }

    private static int curveBits(String algorithm) {
        return switch (algorithm) {
            case "ES256" -> 256;
            case "ES384" -> 384;
            default -> 521;
        };
    }

    /** Wraps a PKCS#1 {@code RSAPublicKey} in a SubjectPublicKeyInfo so the JDK's X.509 key spec reads it. */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        byte[] bitString = concat(new byte[] {0x03}, length(pkcs1.length + 1), new byte[] {0x00}, pkcs1);
        byte[] body = concat(RSA_ALGORITHM_ID, bitString);
        return concat(new byte[] {0x30}, length(body.length), body);
    }

    /** A DER length: short form below 128, else long form. */
    private static byte[] length(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
        byte[] out = new byte[bytes + 1];
        out[0] = (byte) (0x80 | bytes);
        for (int i = 0; i < bytes; i++) {
            out[bytes - i] = (byte) (length >>> (8 * i));
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] part : parts) {
            size += part.length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
