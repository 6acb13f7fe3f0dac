package io.tollgate.domain.certificate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * PEM certificates and private keys through the JDK's providers: X.509 certificates via {@link CertificateFactory},
 * keys via {@link KeyFactory}. Keys may be PKCS#8 ({@code BEGIN PRIVATE KEY}: RSA, EC, Ed25519/Ed448, DSA) or, as
 * Kong (OpenSSL) accepts them, PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) and SEC1 ({@code BEGIN EC PRIVATE KEY}); the
 * last two are handed to the JDK inside a PKCS#8 envelope (three DER headers around the unchanged key bytes).
 * Encrypted keys are not supported. Everything here is computation on the given text; nothing is read or written.
 *
 * <p>Public so adapters can turn stored PEM text into key material (TLS listeners, upstream mTLS).
 */
public final class Pem {

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");
    private static final String[] ALGORITHMS = {"RSA", "EC", "EdDSA", "DSA", "RSASSA-PSS", "XDH"};
    /** DER of AlgorithmIdentifier {rsaEncryption, NULL}. */
    private static final byte[] RSA_ALGORITHM = HexFormat.of().parseHex("300d06092a864886f70d0101010500");
    /** DER of OID id-ecPublicKey (1.2.840.10045.2.1). */
    private static final byte[] EC_PUBLIC_KEY_OID = HexFormat.of().parseHex("06072a8648ce3d0201");

    private static final List<String> CURVES = List.of("secp256r1", "secp384r1", "secp521r1");

    private Pem() {}

    /** The certificates in {@code pem}, in order; empty when there are none or one does not parse. */
    public static List<X509Certificate> certificates(String pem) {
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            return List.of();
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (var c : factory.generateCertificates(new ByteArrayInputStream(ascii(pem)))) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (CertificateException | RuntimeException e) {
            return List.of();
        }
    }

    /** The first certificate of {@code pem}, if it parses. */
    public static Optional<X509Certificate> certificate(String pem) {
        return certificates(pem).stream().findFirst();
    }

    /** Whether {@code pem} holds a private key this class can read (for SEC1, on any common curve). */
    static boolean isPrivateKey(String pem) {
        return privateKey(pem, null).isPresent();
    }

    /**
     * The private key of {@code pem}.
     *
     * @param curveOf for a SEC1 EC key, a public key whose curve the private key is on (e.g. the certificate's);
     *        {@code null} to try the common named curves
     */
    public static Optional<PrivateKey> privateKey(String pem, @Nullable PublicKey curveOf) {
        Matcher m = BLOCK.matcher(pem);
        if (!m.find()) {
            return Optional.empty();
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return switch (m.group(1)) {
            case "PRIVATE KEY" -> pkcs8(der);
            case "RSA PRIVATE KEY" -> decode("RSA", envelope(RSA_ALGORITHM, der));
            case "EC PRIVATE KEY" -> ecKey(der, curveOf);
            default -> Optional.empty();
        };
    }

    /**
     * Whether {@code key} is the private half of {@code certificate}'s public key (an RSA key by its modulus and
     * exponent, any other by signing a challenge with it); false for a key of another type. Kong's "certificate does
     * not match key".
     */
    public static boolean matches(X509Certificate certificate, PrivateKey key) {
        PublicKey publicKey = certificate.getPublicKey();
        if (publicKey instanceof RSAPublicKey rsa && key instanceof RSAPrivateCrtKey crt) {
            return rsa.getModulus().equals(crt.getModulus())
                    && rsa.getPublicExponent().equals(crt.getPublicExponent());
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null;
        };
        if (algorithm == null
                || !publicKey.getAlgorithm().equals(key.getAlgorithm())
                        && !(algorithm.equals("EdDSA")
                                && publicKey.getAlgorithm().startsWith("Ed"))) {
            return false;
        }
        try {
            byte[] challenge = ascii("tollgate certificate/key check");
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Lower-case hex SHA-256 of the certificate's DER encoding (its fingerprint, Kong's {@code cert_digest}). */
    static String sha256Hex(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("cannot digest a parsed certificate", e);
        }
    }

    private static Optional<PrivateKey> pkcs8(byte[] der) {
        for (String algorithm : ALGORITHMS) {
            Optional<PrivateKey> key = decode(algorithm, der);
            if (key.isPresent()) {
                return key;
            }
        }
        return Optional.empty();
    }

    private static Optional<PrivateKey> ecKey(byte[] sec1, @Nullable PublicKey curveOf) {
        try {
            List<byte[]> curves = new ArrayList<>();
            if (curveOf instanceof ECPublicKey ec) {
                AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                parameters.init(ec.getParams());
                curves.add(parameters.getEncoded());
            } else {
                for (String curve : CURVES) {
                    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                    parameters.init(new ECGenParameterSpec(curve));
                    curves.add(parameters.getEncoded());
                }
            }
            for (byte[] curve : curves) {
                Optional<PrivateKey> key = decode("EC", envelope(sequence(EC_PUBLIC_KEY_OID, curve), sec1));
                if (key.isPresent()) {
                    return key;
                }
            }
            return Optional.empty();
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<PrivateKey> decode(String algorithm, byte[] pkcs8) {
        try {
            return Optional.of(KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static byte[] ascii(String text) {
        try {
            return text.getBytes("ISO-8859-1");
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException("every JVM supports ISO-8859-1", e);
        }
    }

    /** PKCS#8 PrivateKeyInfo: SEQUENCE { INTEGER 0, algorithm, OCTET STRING key }. */
    private static byte[] envelope(byte[] algorithm, byte[] key) {
        return sequence(new byte[] {0x02, 0x01, 0x00}, algorithm, tagged(0x04, key));
    }

    private static byte[] sequence(byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        return tagged(0x30, content.toByteArray());
    }

    /** A DER element: tag, definite length (short or long form), content. */
    private static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
