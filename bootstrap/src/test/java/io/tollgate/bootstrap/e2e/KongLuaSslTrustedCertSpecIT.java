package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong's {@code spec/02-integration/05-proxy/27-lua-ssl-trusted-cert_spec.lua}: 2 of its 2 cases. Kong's spec
 * makes a verified TLS handshake to its TLS mock upstream from a {@code pre-function} and expects 200; the Tollgate
 * counterpart of that handshake is a service with {@code tls_verify = true} and no {@code ca_certificates} proxying to
 * a TLS {@link KongMockUpstream}, whose chain Kong then checks against {@code lua_ssl_trusted_certificate} (its
 * {@code proxy_ssl_trusted_certificate} default) as Tollgate does. Each case starts its own node, as Kong restarts
 * for each with another {@code lua_ssl_trusted_certificate}.
 */
class KongLuaSslTrustedCertSpecIT {

    @TempDir
    static Path dir;

    /** 27-lua-ssl-trusted-cert_spec: "lua_ssl_trusted_cert works with single entry". */
    @Test
    void works_with_single_entry() throws Exception {
        TestPki.Issued ca = TestPki.ca("Trusted Spec CA");
        Path trusted = dir.resolve("single.crt");
        Files.writeString(trusted, ca.certPem());
        assertProxiedOverVerifiedTls(
                "lua-ssl-single", trusted.toString(), TestPki.signed(ca, "localhost", "localhost"));
    }

    /**
     * 27-lua-ssl-trusted-cert_spec: "lua_ssl_trusted_cert works with multiple entries": a list of two files, the
     * authority and the certificate it signed.
     */
    @Test
    void works_with_multiple_entries() throws Exception {
        TestPki.Issued ca = TestPki.ca("Clustering Spec CA");
        TestPki.Issued leaf = TestPki.signed(ca, "localhost", "localhost");
        Path leafFile = Files.writeString(dir.resolve("multiple-leaf.crt"), leaf.certPem());
        Path caFile = Files.writeString(dir.resolve("multiple-ca.crt"), ca.certPem());
        assertProxiedOverVerifiedTls("lua-ssl-multiple", leafFile + "," + caFile, leaf);
    }

    /** A node trusting {@code trusted} proxies {@code Host: test.dev} with 200 to an upstream presenting {@code cert}. */
    private static void assertProxiedOverVerifiedTls(String name, String trusted, TestPki.Issued cert)
            throws Exception {
        try (KongMockUpstream upstream = new KongMockUpstream(cert.context(null));
                NodeProcess node = NodeProcess.start(name, dir, Map.of("lua_ssl_trusted_certificate", trusted))) {
            KongSpecClient admin = new KongSpecClient(node.admin());
            String service = admin.create(
                            "/services", body("url", "https://localhost:" + upstream.port(), "tls_verify", true))
                    .get("id")
                    .asText();
            admin.create("/routes", body("hosts", List.of("test.dev"), "service", Map.of("id", service)));

            RawHttp.Response res = RawHttp.request("GET", "test.dev", "/").send(node.proxyPort);

            assertThat(res.status()).as(res.body()).isEqualTo(200);
        }
    }
}
