package io.tollgate.bootstrap.e2e;

import io.tollgate.adapter.cache.redis.RedisServerProcess;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;

/**
 * A real {@code redis-server} speaking plain and TLS (its certificate for {@link #SNI} signed by a test CA) and a
 * node whose JVM trusts that CA (Kong's {@code lua_ssl_trusted_certificate} of its Redis specs), for Kong's
 * {@code no_ssl}, {@code ssl_verify} and {@code ssl_no_verify} Redis setups.
 *
 * @param redis the server: {@link RedisServerProcess#port()} plain, {@link RedisServerProcess#tlsPort()} TLS
 * @param node the node
 */
record RedisTlsNode(RedisServerProcess redis, NodeProcess node) implements AutoCloseable {

    /** The name the Redis certificate is for (Kong's {@code redis_ssl_sni}). */
    static final String SNI = "redis.test";

    /** Kong's {@code server_name} of its {@code ssl_no_verify} setup: a name nothing answers for. */
    static final String NO_SUCH_NAME = "really.really.really.does.not.exist.host.test";

    /** Starts the server, then the node {@code name} with {@code settings}, both under {@code dir}. */
    static RedisTlsNode start(String name, Path dir, Map<String, String> settings) throws Exception {
        TestPki.Issued ca = TestPki.ca("Redis Spec CA");
        TestPki.Issued cert = TestPki.signed(ca, SNI, SNI);
        Path tls = Files.createDirectories(dir.resolve("redis-tls"));
        Path certFile = Files.writeString(tls.resolve("redis.crt"), cert.certPem());
        Path keyFile = Files.writeString(tls.resolve("redis.key"), cert.keyPem());
        Path trustStore = tls.resolve("trust.p12");
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", ca.certificate());
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            anchors.store(out, "changeit".toCharArray());
        }
        RedisServerProcess redis = RedisServerProcess.startWithTls(dir.resolve("redis"), certFile, keyFile);
        try {
            NodeProcess node = NodeProcess.startWithTls(
                    name,
                    dir,
                    settings,
                    Map.of(
                            "JAVA_TOOL_OPTIONS",
                            "-Djavax.net.ssl.trustStore=" + trustStore
                                    + " -Djavax.net.ssl.trustStorePassword=changeit"
                                    + " -Djavax.net.ssl.trustStoreType=PKCS12"));
            return new RedisTlsNode(redis, node);
        } catch (Exception | Error e) {
            redis.close();
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            node.close();
        } finally {
            redis.close();
        }
    }
}
