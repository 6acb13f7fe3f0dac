package io.tollgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.bootstrap.config.TrustedCertificates;
import io.tollgate.domain.certificate.Pem;
import java.io.InputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PEM file {@code pg_ssl_verify} gives the PostgreSQL driver as {@code sslrootcert} when
 * {@code lua_ssl_trusted_certificate} lists several files (Kong's {@code .ca_combined}); the file is parsed as the
 * driver parses it ({@link CertificateFactory#generateCertificates}). No test starts PostgreSQL with TLS, so the
 * driver itself is not exercised here.
 */
class DatabasesTrustedFileTest {

    @TempDir
    static Path dir;

    private static X509Certificate first;
    private static X509Certificate second;
    private static Path firstFile;
    private static Path secondFile;

    @BeforeAll
    static void authorities() throws Exception {
        first = selfSignedCa("tollgate test CA one");
        second = selfSignedCa("tollgate test CA two");
        firstFile = Files.writeString(dir.resolve("one.pem"), pem(first));
        // no final newline, a UTF-8 comment before the block: both load in Kong (OpenSSL skips text between blocks)
        secondFile = Files.writeString(
                dir.resolve("two.pem"),
                "# Issuer: CN=Főtanúsítvány\n" + pem(second).strip(),
                StandardCharsets.UTF_8);
    }

    @Test
    void two_files_combine_into_one_file_holding_exactly_both_authorities() throws Exception {
        TrustedCertificates trusted = new TrustedCertificates(false, List.of(firstFile, secondFile));
        Path combined = Databases.trustedFile(trusted);

        assertThat(combined).isNotIn(firstFile, secondFile).isRegularFile();
        assertThat(parse(combined)).containsExactly(first, second);
        assertThat(Files.readString(combined, StandardCharsets.UTF_8)).contains("# Issuer: CN=Főtanúsítvány\n");
        // the same text is what a verifying service without ca_certificates trusts
        assertThat(Pem.certificates(trusted.combinedPem().orElseThrow())).containsExactly(first, second);
    }

    @Test
    void system_with_a_file_combines_the_file_then_the_jvm_default_authorities() throws Exception {
        Path combined = Databases.trustedFile(new TrustedCertificates(true, List.of(firstFile, secondFile)));

        List<X509Certificate> expected = new ArrayList<>(List.of(first, second));
        expected.addAll(systemAuthorities());
        assertThat(expected).hasSizeGreaterThan(2);
        assertThat(parse(combined)).containsExactlyElementsOf(expected);
    }

    @Test
    void a_single_file_is_given_as_it_is_and_system_alone_as_no_file() {
        assertThat(Databases.trustedFile(new TrustedCertificates(false, List.of(firstFile))))
                .isEqualTo(firstFile);
        assertThat(Databases.trustedFile(TrustedCertificates.SYSTEM)).isNull();
    }

    private static List<Certificate> parse(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> all =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            return List.copyOf(all);
        }
    }

    private static List<X509Certificate> systemAuthorities() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        List<X509Certificate> all = new ArrayList<>();
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                all.addAll(List.of(x509.getAcceptedIssuers()));
            }
        }
        return all;
    }

    private static X509Certificate selfSignedCa(String name) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=" + name);
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                subject,
                BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(1))),
                subject,
                keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static String pem(X509Certificate certificate) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificate);
        }
        return out.toString();
    }
}
