package io.tollgate.bootstrap.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Kong's {@code lua_ssl_trusted_certificate}: a comma-separated list of PEM files (each may hold several
 * certificates) and {@code system}, the JVM's default trust store (the system's authorities). Every file is checked
 * to exist at load and stored as an absolute path, as Kong does.
 *
 * @param system whether {@code system} is in the list
 * @param files the PEM files, absolute, in the order given
 */
public record TrustedCertificates(boolean system, List<Path> files) {

    /** Kong's default, {@code system}. */
    public static final TrustedCertificates SYSTEM = new TrustedCertificates(true, List.of());

    public TrustedCertificates {
        files = List.copyOf(Objects.requireNonNull(files, "files"));
        if (!system && files.isEmpty()) {
            throw new IllegalArgumentException("no trusted certificates");
        }
    }

    /**
     * Parses the property's value.
     *
     * @throws ConfigException {@code lua_ssl_trusted_certificate: failed loading certificate from <path>} (Kong's
     *     message) when a file does not exist
     */
    static TrustedCertificates parse(String value) {
        boolean system = false;
        List<Path> files = new ArrayList<>();
        for (String entry : value.split(",", -1)) {
            String v = entry.trim();
            if (v.equals("system")) {
                system = true;
                continue;
            }
            Path path = v.isEmpty() ? null : Values.path(Property.LUA_SSL_TRUSTED_CERTIFICATE, v);
            if (path == null || !Files.isRegularFile(path)) {
                throw new ConfigException("lua_ssl_trusted_certificate: failed loading certificate from " + v);
            }
            if (!files.contains(path)) {
                files.add(path);
            }
        }
        return new TrustedCertificates(system, files);
    }

    /** @return whether only the JVM's default trust store is trusted (no file) */
    public boolean systemOnly() {
        return files.isEmpty();
    }

    /** @return the value as {@code GET /} shows it: the entries, files absolute, comma-separated */
    public String shown() {
        List<String> entries = new ArrayList<>();
        if (system) {
            entries.add("system");
        }
        files.forEach(f -> entries.add(f.toString()));
        return String.join(",", entries);
    }

    /**
     * The trusted authorities as one PEM text (Kong's {@code lua_ssl_trusted_certificate_combined}): every file's
     * text, then, with {@code system}, the JVM's default trust store's certificates. Files are read as ISO-8859-1, one
     * char per byte, so that a bundle with UTF-8 comments (as {@code cacert.pem} files have) loads as Kong loads it
     * and a writer using ISO-8859-1 gets the bytes back.
     *
     * @return empty when only {@code system} is trusted (the JVM's default trust store serves as it is)
     * @throws ConfigException when a file cannot be read
     */
    public Optional<String> combinedPem() {
        if (systemOnly()) {
            return Optional.empty();
        }
        StringBuilder pem = new StringBuilder();
        for (Path file : files) {
            try {
                pem.append(Files.readString(file, StandardCharsets.ISO_8859_1).strip())
                        .append('\n');
            } catch (IOException | UncheckedIOException e) {
                throw new ConfigException("lua_ssl_trusted_certificate: failed loading certificate from " + file);
            }
        }
        if (system) {
            Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
            for (X509Certificate ca : systemAuthorities()) {
                try {
                    pem.append("-----BEGIN CERTIFICATE-----\n")
                            .append(base64.encodeToString(ca.getEncoded()))
                            .append("\n-----END CERTIFICATE-----\n");
                } catch (GeneralSecurityException e) {
                    // an authority that cannot be encoded cannot be trusted through PEM either: left out
                }
            }
        }
        return Optional.of(pem.toString());
    }

    private static List<X509Certificate> systemAuthorities() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            List<X509Certificate> all = new ArrayList<>();
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    all.addAll(List.of(x509.getAcceptedIssuers()));
                }
            }
            return all;
        } catch (GeneralSecurityException e) {
            return List.of();
        }
    }
}
