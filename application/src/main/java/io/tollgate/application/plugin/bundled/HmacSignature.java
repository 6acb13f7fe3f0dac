package io.tollgate.application.plugin.bundled;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The parts of Kong's hmac-auth signature scheme (draft-cavage HTTP signatures): the {@code Authorization} parameters,
 * the signing string and the HMAC.
 *
 * @param username the credential's username
 * @param algorithm as sent, e.g. {@code hmac-sha256} (checked against the config's {@code algorithms} separately)
 * @param headers the names the signing string covers, in order (split on single spaces, as Kong splits them)
 * @param signature the base64 signature as sent
 */
record HmacSignature(String username, String algorithm, List<String> headers, String signature) {

    /** Kong's algorithm names and their JCA MAC names. */
    static final Map<String, String> ALGORITHMS = Map.of(
            "hmac-sha1", "HmacSHA1",
            "hmac-sha256", "HmacSHA256",
            "hmac-sha384", "HmacSHA384",
            "hmac-sha512", "HmacSHA512");

    private static final Pattern PARAMS = Pattern.compile(
            "\\s*[Hh]mac\\s*username=\"(.+)\",\\s*algorithm=\"(.+)\",\\s*headers=\"(.+)\",\\s*signature=\"(.+)\"");

    /** The parameters of an {@code hmac username="…", algorithm="…", headers="…", signature="…"} value, if any. */
    static Optional<HmacSignature> parse(@Nullable String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = PARAMS.matcher(header);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(
                new HmacSignature(m.group(1), m.group(2), List.of(m.group(3).split(" ")), m.group(4)));
    }

    /**
     * Kong's signing string: for each name of {@link #headers}, {@code name: value} of the request header, or
     * {@code @request-target: <method lower case> <path?query>}, or for {@code request-line}
     * {@code <METHOD> <path?query> HTTP/<version>}, or {@code name:} for a header the request lacks; joined by newlines.
     *
     * @param httpVersion the client's HTTP version, {@code 1.0}, {@code 1.1} or {@code 2.0}
     * @param header the request's first value of a header (case-insensitive), or {@code null}
     */
    String signingString(
            String method, String pathWithQuery, String httpVersion, Function<String, @Nullable String> header) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.get(i);
            String value = header.apply(name);
            if (value != null) {
                out.append(name).append(": ").append(value);
            } else if (name.equals("@request-target")) {
                out.append(name)
                        .append(": ")
                        .append(method.toLowerCase(Locale.ROOT))
                        .append(' ')
                        .append(pathWithQuery);
            } else if (name.equals("request-line")) {
                out.append(method)
                        .append(' ')
                        .append(pathWithQuery)
                        .append(" HTTP/")
                        .append(httpVersion);
            } else {
                out.append(name).append(':');
            }
            if (i < headers.size() - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** Whether {@link #signature} is the base64 HMAC of {@code signingString} with {@code secret} (constant time). */
    boolean verifies(String secret, String signingString) {
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return MessageDigest.isEqual(given, hmac(algorithm, secret, signingString));
    }

    /** Kong's body digest: {@code SHA-256=} and the base64 SHA-256 of {@code body}. */
    static String sha256Digest(byte[] body) {
        try {
            return "SHA-256="
                    + Base64.getEncoder()
                            .encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * The HMAC of {@code text} under {@code secret} with one of {@link #ALGORITHMS}.
     *
     * @throws IllegalArgumentException for an unknown algorithm
     */
    static byte[] hmac(String algorithm, String secret, String text) {
        String jca = ALGORITHMS.get(algorithm);
        if (jca == null) {
            throw new IllegalArgumentException("unknown algorithm " + algorithm);
        }
        try {
            Mac mac = Mac.getInstance(jca);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), jca));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(jca + " is part of every JDK", e);
        }
    }
}
