package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapter.cache.redis.RedisServerProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;

/**
 * The shared fixture of the rate-limiting and response-ratelimiting spec ports: a real {@code redis-server} speaking
 * plain and TLS (its certificate for {@link #SNI} signed by a test CA), a node whose JVM trusts that CA (Kong's
 * {@code lua_ssl_trusted_certificate} of its Redis specs), the {@link KongMockUpstream} the node proxies to and an
 * Admin API client, for Kong's {@code no_ssl}, {@code ssl_verify} and {@code ssl_no_verify} Redis setups
 * ({@link Setup}).
 *
 * <p>Lifecycle: {@link #start} in a class's {@code @BeforeAll} (Redis on two free ports, {@link
 * RedisServerProcess#port()} plain and {@link RedisServerProcess#tlsPort()} TLS, both under the class's directory,
 * then the node, then the mock upstream); {@link #close} in its {@code @AfterAll} (node, Redis, mock upstream).
 *
 * @param redis the server: {@link RedisServerProcess#port()} plain, {@link RedisServerProcess#tlsPort()} TLS
 * @param node the node
 * @param mock the upstream the specs' services point at
 * @param client an Admin API client of {@code node}
 */
record RedisTlsNode(RedisServerProcess redis, NodeProcess node, KongMockUpstream mock, KongSpecClient client)
        implements AutoCloseable {

    /** The name the Redis certificate is for (Kong's {@code redis_ssl_sni}). */
    static final String SNI = "redis.test";

    /** Kong's {@code server_name} of its {@code ssl_no_verify} setup: a name nothing answers for. */
    static final String NO_SUCH_NAME = "really.really.really.does.not.exist.host.test";

    /** Kong's Redis setups: plain, TLS verified against the test CA, TLS unverified with a name nothing answers. */
    enum Setup {
        NO_SSL,
        SSL_VERIFY,
        SSL_NO_VERIFY
    }

    /** Starts the server, then the node {@code name} with {@code settings}, both under {@code dir}, then the mock. */
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
        NodeProcess node = null;
        try {
            node = NodeProcess.startWithTls(
                    name,
                    dir,
                    settings,
                    Map.of(
                            "JAVA_TOOL_OPTIONS",
                            "-Djavax.net.ssl.trustStore=" + trustStore
                                    + " -Djavax.net.ssl.trustStorePassword=changeit"
                                    + " -Djavax.net.ssl.trustStoreType=PKCS12"));
            KongMockUpstream mock = new KongMockUpstream();
            return new RedisTlsNode(redis, node, mock, new KongSpecClient(node.admin()));
        } catch (Exception | Error e) {
            try {
                if (node != null) {
                    node.close();
                }
            } finally {
                redis.close();
            }
            throw e;
        }
    }

    /**
     * The connection fields of a plugin's {@code redis} record for {@code setup}: the plain {@code port}, or the TLS
     * port with {@code ssl}, {@code ssl_verify} and {@code server_name} ({@link #SNI} verified, {@link #NO_SUCH_NAME}
     * not).
     */
    Map<String, Object> connection(Setup setup) {
        return switch (setup) {
            case NO_SSL -> body("port", redis.port());
            case SSL_VERIFY -> body("port", redis.tlsPort(), "ssl", true, "ssl_verify", true, "server_name", SNI);
            case SSL_NO_VERIFY ->
                body("port", redis.tlsPort(), "ssl", true, "ssl_verify", false, "server_name", NO_SUCH_NAME);
        };
    }

    /**
     * A plugin's {@code redis} record: {@code fields} (name/value pairs), then the {@link #connection} of
     * {@code setup}.
     */
    Map<String, Object> redisRecord(Setup setup, Object... fields) {
        Map<String, Object> redisRecord = body(fields);
        redisRecord.putAll(connection(setup));
        return redisRecord;
    }

    /**
     * Kong's {@code lazy_setup} of its Redis integration specs: an empty server with user {@code allowed} allowed
     * every command and user {@code getOnly} allowed {@code GET} only, both with {@code password}.
     */
    void resetWithUsers(String allowed, String getOnly, String password) throws IOException {
        assertThat(redis.command("FLUSHALL")).isEqualTo("+OK");
        assertThat(redis.command("ACL", "SETUSER", allowed, "reset", "on", "allkeys", "allcommands", ">" + password))
                .isEqualTo("+OK");
        assertThat(redis.command("ACL", "SETUSER", getOnly, "reset", "on", "allkeys", "+get", ">" + password))
                .isEqualTo("+OK");
    }

    @Override
    public void close() throws Exception {
        try {
            node.close();
        } finally {
            try {
                redis.close();
            } finally {
                mock.close();
            }
        }
    }
}
