package io.tollgate.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapter.http.ServerTls;
import io.tollgate.bootstrap.config.ConfigLoader;
import io.tollgate.bootstrap.config.TollgateConfig;
import io.tollgate.domain.certificate.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultCertificateTest {
    @TempDir
    Path dir;

    private TollgateConfig config(Map<String, String> env) {
        return new ConfigLoader(env, List.of(), w -> {}).load(null);
    }

    @Test
    void noSslListenerNeedsNoCertificate() {
        assertThat(DefaultCertificate.of(config(Map.of(
                        "TOLLGATE_PREFIX",
                        dir.toString(),
                        "TOLLGATE_PROXY_LISTEN",
                        "127.0.0.1:0",
                        "TOLLGATE_ADMIN_LISTEN",
                        "off"))))
                .isEmpty();
        assertThat(dir.resolve("ssl")).doesNotExist();
    }

    @Test
    void aSelfSignedCertificateIsGeneratedOnceUnderThePrefixAndReused() throws Exception {
        TollgateConfig config = config(Map.of(
                "TOLLGATE_PREFIX",
                dir.toString(),
                "TOLLGATE_PROXY_LISTEN",
                "127.0.0.1:0 ssl",
                "TOLLGATE_ADMIN_LISTEN",
                "off"));

        ServerTls first = DefaultCertificate.of(config).orElseThrow();
        ServerTls second = DefaultCertificate.of(config).orElseThrow();

        assertThat(second).isEqualTo(first);
        X509Certificate cert = Pem.certificate(first.certPem()).orElseThrow();
        assertThat(cert.getSubjectX500Principal().getName()).contains("CN=localhost");
        assertThat(cert.getSubjectAlternativeNames().stream()
                        .map(n -> (Object) n.get(1))
                        .toList())
                .containsExactly("localhost");
        var key = Pem.privateKey(first.keyPem(), cert.getPublicKey()).orElseThrow();
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(cert);
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature))
                .as("the key matches the certificate")
                .isTrue();
        Path keyFile = dir.resolve("ssl/tollgate-default.key");
        assertThat(Files.readString(keyFile)).isEqualTo(first.keyPem());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
    }

    @Test
    void sslCertAndKeyMayBeFilesOrInlinePem() throws Exception {
        ServerTls made = DefaultCertificate.selfSigned("example.test");
        Path cert = Files.writeString(dir.resolve("c.pem"), made.certPem());
        TollgateConfig config = config(Map.of(
                "TOLLGATE_PREFIX",
                dir.toString(),
                "TOLLGATE_PROXY_LISTEN",
                "127.0.0.1:0 ssl",
                "TOLLGATE_SSL_CERT",
                cert.toString(),
                "TOLLGATE_SSL_CERT_KEY",
                made.keyPem()));

        ServerTls loaded = DefaultCertificate.of(config).orElseThrow();
        assertThat(loaded.certPem()).isEqualTo(made.certPem());
        assertThat(loaded.keyPem().strip()).isEqualTo(made.keyPem().strip());
        assertThat(dir.resolve("ssl")).doesNotExist();
    }
}
