package io.tollgate.bootstrap;

import io.tollgate.adapter.http.ServerTls;
import io.tollgate.bootstrap.config.TollgateConfig;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS listeners' default certificate, as Kong picks it: {@code ssl_cert} / {@code ssl_cert_key} (file paths or
 * inline PEM) when set; otherwise a self-signed RSA certificate for {@code localhost}, generated once and kept under
 * {@code <prefix>/ssl/} ({@code tollgate-default.crt}, {@code tollgate-default.key}, the key readable by the owner
 * only), so it survives restarts.
 */
final class DefaultCertificate {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultCertificate.class);
    private static final Duration VALIDITY = Duration.ofDays(3650);

    private DefaultCertificate() {}

    /**
     * @return the default certificate, or empty when no listener has the {@code ssl} flag
     * @throws UncheckedIOException when a configured file cannot be read or the generated one cannot be written
     */
    static Optional<ServerTls> of(TollgateConfig config) {
        if (!config.anySsl()) {
            return Optional.empty();
        }
        if (config.sslCert().isPresent() && config.sslCertKey().isPresent()) {
            return Optional.of(new ServerTls(
                    pem(config.sslCert().get()), pem(config.sslCertKey().get())));
        }
        Path dir = config.prefix().resolve("ssl");
        Path cert = dir.resolve("tollgate-default.crt");
        Path key = dir.resolve("tollgate-default.key");
        try {
            if (!Files.exists(cert) || !Files.exists(key)) {
                Files.createDirectories(dir);
                ServerTls generated = selfSigned("localhost");
                Files.writeString(key, generated.keyPem());
                try {
                    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system
                }
                Files.writeString(cert, generated.certPem());
                LOG.info("generated the self-signed default TLS certificate {}", cert);
            }
            return Optional.of(new ServerTls(Files.readString(cert), Files.readString(key)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the default TLS certificate under " + dir, e);
        }
    }

    private static String pem(String value) {
        if (value.contains("-----BEGIN")) {
            return value;
        }
        try {
            return Files.readString(Path.of(value));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + value, e);
        }
    }

    /**
     * A self-signed RSA 2048 certificate for {@code name} (CN and DNS SAN), valid ten years from an hour ago.
     *
     * @return the certificate and its PKCS#8 key, PEM
     */
    static ServerTls selfSigned(String name) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=" + name + ",O=Tollgate");
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    subject,
                    new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(VALIDITY)),
                    subject,
                    keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(
                    Extension.subjectAlternativeName,
                    false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
            return new ServerTls(write(certificate), write(keys.getPrivate()));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate a self-signed certificate", e);
        }
    }

    private static String write(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(
                    object instanceof java.security.PrivateKey key ? new JcaPKCS8Generator(key, null) : object);
        }
        return out.toString();
    }
}
